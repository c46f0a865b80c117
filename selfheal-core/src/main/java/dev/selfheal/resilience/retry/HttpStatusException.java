package dev.selfheal.resilience.retry;

import java.io.Serial;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP call answered with a status that means failure. Integration clients throw it so that
 * guards can classify the failure (5xx and 429 are retried, other 4xx are not) and read the
 * rate-limit headers ({@code Retry-After}, {@code X-RateLimit-*}) that came with it.
 *
 * <p>Header names are matched case-insensitively, as HTTP says.
 */
public class HttpStatusException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, List<String>> headers;

    public HttpStatusException(int status, Map<String, List<String>> headers, String message) {
        super(message == null || message.isBlank() ? "HTTP " + status : "HTTP " + status + ": " + message);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be within 100..599, got " + status);
        }
        this.status = status;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    copy.merge(name, List.copyOf(values), (a, b) -> {
                        var both = new java.util.ArrayList<>(a);
                        both.addAll(b);
                        return List.copyOf(both);
                    });
                }
            });
        }
        this.headers = java.util.Collections.unmodifiableMap(copy);
    }

    public HttpStatusException(int status, Map<String, List<String>> headers) {
        this(status, headers, "");
    }

    public int status() {
        return status;
    }

    /** Every header, names compared case-insensitively. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name} (any case), trimmed. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).trim());
    }

    public boolean isServerError() {
        return status >= 500;
    }

    public boolean isTooManyRequests() {
        return status == 429;
    }
}
