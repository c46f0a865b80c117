package dev.selfheal.integrations.http;

import dev.selfheal.time.DurationChecks;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a client reaches its API.
 *
 * @param baseUri        the API's root (the real service by default; a simulator or WireMock in tests)
 * @param token          the credential
 * @param requestTimeout how long one request may take before it fails with a timeout (retryable)
 * @param degradedAfter  a health probe answered correctly but slower than this is DEGRADED
 */
public record ClientSettings(URI baseUri, ApiToken token, Duration requestTimeout, Duration degradedAfter) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DEGRADED_AFTER = Duration.ofMillis(800);

    public ClientSettings {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(degradedAfter, "degradedAfter");
        String s = baseUri.toString();
        if (s.endsWith("/")) {
            baseUri = URI.create(s.substring(0, s.length() - 1));
        }
        DurationChecks.positive(requestTimeout, "requestTimeout");
    }

    public static ClientSettings of(String baseUri, ApiToken token) {
        return new ClientSettings(URI.create(baseUri), token, DEFAULT_REQUEST_TIMEOUT, DEFAULT_DEGRADED_AFTER);
    }

    public ClientSettings withRequestTimeout(Duration timeout) {
        return new ClientSettings(baseUri, token, timeout, degradedAfter);
    }

    public ClientSettings withDegradedAfter(Duration threshold) {
        return new ClientSettings(baseUri, token, requestTimeout, threshold);
    }

    public URI resolve(String path) {
        return URI.create(baseUri + (path.startsWith("/") ? path : "/" + path));
    }
}
