package dev.selfheal.redaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what selfheal shows: log lines, API answers, the console, the config dump
 * and check results. A name is secret when it contains one of {@link #SECRET_WORDS}
 * (case-insensitive); in a URL the user info and every parameter with a secret name are masked.
 *
 * <p>The rules are deliberately wide: hiding a harmless {@code author=} parameter costs a
 * reader a value, showing a {@code auth=} parameter costs a credential.
 */
public final class Redaction {

    public static final String MASK = "***";

    /** Words that make a name secret, wherever they occur in it: {@code X-Api-Key}, {@code access_token}, {@code PGPASSWORD}. */
    public static final List<String> SECRET_WORDS =
            List.of("password", "passwd", "pwd", "secret", "token", "key", "auth", "credential", "cookie", "session", "signature");

    private static final Set<String> OWN_LOG_FIELDS = Set.of("key", "applied_keys", "idempotency_key");

    private static final String WORDS = String.join("|", SECRET_WORDS);

    /**
     * A secret parameter in a URL or a JDBC URL: after {@code ? & ;} or {@code :} (SQL Server and
     * Oracle put parameters after a colon), a name containing a secret word, {@code =}, the value up
     * to the next separator.
     */
    private static final Pattern URL_PARAMETER = Pattern.compile(
            "(?i)([?&;:]\\s*[^=?&;:/\\s]*(?:" + WORDS + ")[^=?&;:/\\s]*=)([^&;#]*)");

    /** The same in free text, where a value also ends at white space or a quote, and may start a line or follow a space or comma. */
    private static final Pattern TEXT_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;:\\s,(\\[{])[^=?&;:/\\s,\"'(\\[{]*(?:" + WORDS + ")[^=?&;:/\\s,\"']*=)([^&;#\\s\"',)\\]}]*)");

    /** {@code user:password@} in an authority: the user stays, the password is masked. */
    private static final Pattern USER_PASSWORD = Pattern.compile("(://[^/@:?#\\s]*:)([^/@?#\\s]*)(@)");

    /** {@code token@} in an authority, without a colon: the whole user info is the credential. */
    private static final Pattern USER_TOKEN = Pattern.compile("(://)([^/@:?#\\s]+)(@)");

    /** {@code Bearer abc}, {@code Basic abc}, {@code Token abc} in free text. */
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)(\\b(?:bearer|basic|token)\\s+)([A-Za-z0-9._~+/=-]{8,})");

    private Redaction() { }

    /** Whether a name (a header, an environment variable, a parameter, a config key) holds a secret value. */
    public static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** A URL or JDBC URL with its user info password or token and its secret parameters replaced by {@value #MASK}. */
    public static String url(String url) {
        if (url == null) {
            return "";
        }
        String shown = USER_PASSWORD.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
        shown = USER_TOKEN.matcher(shown).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
        return URL_PARAMETER.matcher(shown).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    public static String url(java.net.URI uri) {
        return url(uri.toString());
    }

    /**
     * Text selfheal did not write itself (a driver's error, a log message that quotes a URL) with
     * every URL secret, every {@code name=value} whose name is secret and every
     * {@code Bearer ...} credential masked.
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        if (!mayHoldSecret(text)) {
            return text;
        }
        String shown = USER_PASSWORD.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
        shown = USER_TOKEN.matcher(shown).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
        shown = TEXT_PARAMETER.matcher(shown).replaceAll(m -> Matcher.quoteReplacement(
                isOwnLogField(m.group(1)) ? m.group() : m.group(1) + MASK));
        return AUTH_SCHEME.matcher(shown).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    /** The secret values a URL carries, so that they can be scrubbed from text that echoes them. */
    public static List<String> secretsIn(String url) {
        var secrets = new ArrayList<String>();
        if (url == null) {
            return List.of();
        }
        Matcher password = USER_PASSWORD.matcher(url);
        while (password.find()) {
            secrets.add(password.group(2));
        }
        Matcher token = USER_TOKEN.matcher(url);
        while (token.find()) {
            secrets.add(token.group(2));
        }
        Matcher parameter = URL_PARAMETER.matcher(url);
        while (parameter.find()) {
            secrets.add(parameter.group(2));
        }
        secrets.removeIf(String::isEmpty);
        return List.copyOf(secrets);
    }

    /** The map with the values of secret-named entries replaced by {@value #MASK}. */
    public static Map<String, String> map(Map<String, String> values) {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, isSecretName(k) ? MASK : v));
        return shown;
    }

    /** Removes a known secret from text we did not write, such as a driver's exception message. */
    public static String scrub(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text == null ? "" : text;
        }
        return text.replace(secret, MASK);
    }

    /**
     * Names of fields in selfheal's own log lines that contain a secret word but hold no secret:
     * an outbox entry's idempotency key is what an operator needs to find it again.
     */
    private static boolean isOwnLogField(String nameWithSeparators) {
        String name = nameWithSeparators.replaceAll("^[?&;:\\s,(\\[{]+|=$", "").toLowerCase(Locale.ROOT);
        return OWN_LOG_FIELDS.contains(name);
    }

    /** A cheap first look, so that the common log line without '=' , '@' or an auth scheme costs no regex. */
    private static boolean mayHoldSecret(String text) {
        if (text.indexOf('=') >= 0 || text.indexOf('@') >= 0) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("bearer") || lower.contains("basic") || lower.contains("token");
    }
}
