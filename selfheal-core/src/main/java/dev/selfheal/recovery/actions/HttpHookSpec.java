package dev.selfheal.recovery.actions;

import dev.selfheal.time.DurationChecks;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A webhook to call. The body may hold {@code ${incident}} and {@code ${component}}, replaced
 * when the hook is called.
 */
public record HttpHookSpec(URI uri, String method, Map<String, String> headers, String body, Duration timeout) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public HttpHookSpec {
        Objects.requireNonNull(uri, "uri");
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("http hook uri must be http or https: " + uri);
        }
        method = method == null ? "POST" : method.toUpperCase();
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("http hook method must be one of %s: %s".formatted(METHODS, method));
        }
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
        DurationChecks.positive(timeout, "http hook timeout");
    }

    public static HttpHookSpec post(URI uri, String body, Duration timeout) {
        return new HttpHookSpec(uri, "POST", Map.of("Content-Type", "application/json"), body, timeout);
    }
}
