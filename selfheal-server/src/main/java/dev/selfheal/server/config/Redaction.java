package dev.selfheal.server.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which names carry secrets, and how to show a value without them. One place, so that the
 * config dump, the log lines and the API agree on what is hidden.
 */
public final class Redaction {

    private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final Pattern URL_PASSWORD_PARAM =
            Pattern.compile("(?i)((?:password|passwd|pwd|secret|token|key)=)[^&;\\s]*");

    private Redaction() { }

    /**
     * True for names whose values are secrets: {@code Authorization}, and any name containing
     * token, key, secret, password, passwd, credential or cookie (case-insensitive).
     */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization")
                || n.contains("token") || n.contains("key") || n.contains("secret")
                || n.contains("password") || n.contains("passwd") || n.contains("credential") || n.contains("cookie");
    }

    /** The map with the values of secret-named entries replaced by {@code ***}. */
    public static Map<String, String> map(Map<String, String> values) {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, isSecretName(k) ? Secret.MASK : v));
        return shown;
    }

    /** A URL without user info ({@code user:pw@}) and without password/token query parameters. */
    public static String url(String url) {
        String shown = URL_USER_INFO.matcher(url).replaceAll(Secret.MASK + "@");
        return URL_PASSWORD_PARAM.matcher(shown).replaceAll("$1" + Secret.MASK);
    }
}
