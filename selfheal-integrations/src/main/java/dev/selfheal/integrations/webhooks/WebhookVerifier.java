package dev.selfheal.integrations.webhooks;

import java.util.Map;
import java.util.Optional;

/**
 * Checks that a webhook request comes from who it says. Framework-free: give it the raw body
 * bytes (exactly as received, before any parsing) and the request headers.
 */
public interface WebhookVerifier {

    /** The source's name ({@code github}, {@code slack}, {@code linear}). */
    String source();

    /**
     * @param headers header names in any case (look them up with {@link #header})
     */
    Verification verify(byte[] body, Map<String, String> headers);

    /** The value of header {@code name}, compared case-insensitively. */
    static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .filter(v -> v != null && !v.isBlank())
                .findFirst();
    }
}
