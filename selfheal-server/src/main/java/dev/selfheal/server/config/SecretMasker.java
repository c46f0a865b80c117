package dev.selfheal.server.config;

import dev.selfheal.redaction.Redaction;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Masks secrets in text selfheal did not write itself: a driver's error message that quotes a
 * URL, a command's output. The config dump hides secrets by key name; this hides the config's
 * secret values wherever they turn up (API responses, log lines), and then every secret form
 * {@link Redaction#text} knows (URL user info and parameters, {@code password=...},
 * {@code Bearer ...}) even when its value is not in the config.
 */
public final class SecretMasker {

    public static final SecretMasker NONE = new SecretMasker(Set.of());

    private final List<String> secrets;

    public SecretMasker(Set<String> secrets) {
        // Longest first, so that "Bearer abc123" is masked whole before "abc123" is.
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static SecretMasker of(Config config) {
        return new SecretMasker(ConfigDump.secretValues(config));
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, Secret.MASK);
            }
        }
        return Redaction.text(masked);
    }

    /** The map with string values masked (numbers and booleans are left as they are). */
    public Map<String, Object> mask(Map<String, Object> values) {
        Map<String, Object> masked = new LinkedHashMap<>();
        values.forEach((k, v) -> masked.put(k, v instanceof String s ? mask(s) : v));
        return masked;
    }
}
