package dev.selfheal.health.checks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what checks say. Results end up in logs, the store, the REST API and the
 * console, so anything a check puts in a message or a detail goes through here first.
 */
final class Redaction {

    static final String MASK = "***";

    /** Parameter names whose values are secrets in URLs and JDBC URLs. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;:]\\s*[^=?&;:/]*(?:password|passwd|pwd|secret|token|key|auth|credential)[^=?&;:/]*=)([^&;]*)");
    /** user:password@ in authority sections, e.g. {@code https://u:p@host} or {@code jdbc:mysql://u:p@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#]*:)([^/@?#]*)(@)");

    private Redaction() { }

    /** A URL or JDBC URL with passwords, tokens and keys replaced by {@value #MASK}. */
    static String url(String url) {
        String withoutUserInfo = USER_INFO.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
        return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    /** The secret values a URL carries, so that they can be scrubbed from text that echoes them. */
    static List<String> secretsIn(String url) {
        var secrets = new ArrayList<String>();
        Matcher userInfo = USER_INFO.matcher(url);
        while (userInfo.find()) {
            secrets.add(userInfo.group(2));
        }
        Matcher parameter = SECRET_PARAMETER.matcher(url);
        while (parameter.find()) {
            secrets.add(parameter.group(2));
        }
        secrets.removeIf(String::isEmpty);
        return List.copyOf(secrets);
    }

    static String url(URI uri) {
        return url(uri.toString());
    }

    /** Whether a header's value must never be shown: Authorization, cookies, anything named like a token or key. */
    static boolean isSecretHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("authorization") || lower.contains("token") || lower.contains("key")
                || lower.contains("secret") || lower.contains("password") || lower.contains("cookie");
    }

    /** Removes a known secret from text we did not write, such as a driver's exception message. */
    static String scrub(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text == null ? "" : text;
        }
        return text.replace(secret, MASK);
    }
}
