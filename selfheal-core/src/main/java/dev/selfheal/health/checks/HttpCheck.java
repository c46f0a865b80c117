package dev.selfheal.health.checks;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.redaction.Redaction;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Calls a URL and judges the answer: a status outside the expected range or a missing body
 * substring is UNHEALTHY, a correct but slow answer (above {@code degraded-after}) is DEGRADED.
 *
 * <p>One JDK {@link HttpClient} per check, kept for the check's life so that connections are
 * reused between runs; redirects are not followed, because a 3xx is itself an answer the
 * expected range can accept or refuse. Header values are sent but never shown.
 */
public final class HttpCheck implements HealthCheck {

    /** Only this much of a body is read when looking for the substring: a health page is small. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /**
     * @param url               what to call, http or https
     * @param method            HTTP method, default GET
     * @param headers           sent with every request; values of secret-looking headers are never shown
     * @param expectedStatusMin lowest status counted as healthy (default 200)
     * @param expectedStatusMax highest status counted as healthy (default 399)
     * @param bodyContains      text the body must contain, if any
     * @param degradedAfter     a correct answer slower than this is DEGRADED
     * @param requestTimeout    connect and response timeout (default 5 s)
     */
    public record Settings(
            URI url,
            String method,
            Map<String, String> headers,
            int expectedStatusMin,
            int expectedStatusMax,
            Optional<String> bodyContains,
            Optional<Duration> degradedAfter,
            Duration requestTimeout) {

        public static final String DEFAULT_METHOD = "GET";
        public static final int DEFAULT_STATUS_MIN = 200;
        public static final int DEFAULT_STATUS_MAX = 399;
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

        public Settings {
            Require.nonNull(url, "url");
            Require.that(url.isAbsolute() && ("http".equalsIgnoreCase(url.getScheme())
                            || "https".equalsIgnoreCase(url.getScheme())) && url.getHost() != null,
                    "url must be an absolute http or https URL with a host: %s", Redaction.url(url));
            Require.nonBlank(method, "method");
            Require.that(TOKEN.matcher(method).matches(), "method must be an HTTP method name: '%s'", method);
            Require.nonNull(headers, "headers");
            headers.forEach((name, value) -> {
                Require.that(name != null && TOKEN.matcher(name).matches(), "headers must have valid names: '%s'", name);
                Require.that(value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0,
                        "headers.%s must be a single line", name);
            });
            headers = Map.copyOf(headers);
            Require.that(expectedStatusMin >= 100 && expectedStatusMin <= 599,
                    "expected-status-min must be within 100-599: %s", expectedStatusMin);
            Require.that(expectedStatusMax >= 100 && expectedStatusMax <= 599,
                    "expected-status-max must be within 100-599: %s", expectedStatusMax);
            Require.that(expectedStatusMin <= expectedStatusMax,
                    "expected-status-min must not exceed expected-status-max (%s): %s", expectedStatusMax, expectedStatusMin);
            Require.optional(bodyContains, "body-contains");
            bodyContains.ifPresent(text -> Require.that(!text.isEmpty(), "body-contains must not be empty"));
            Require.optional(degradedAfter, "degraded-after");
            degradedAfter.ifPresent(limit -> Require.positive(limit, "degraded-after"));
            Require.positive(requestTimeout, "request-timeout");
        }

        /** GET the URL, expect 200-399, 5 s timeout, no body check, no latency limit. */
        public static Settings defaults(URI url) {
            return new Settings(url, DEFAULT_METHOD, Map.of(), DEFAULT_STATUS_MIN, DEFAULT_STATUS_MAX,
                    Optional.empty(), Optional.empty(), DEFAULT_REQUEST_TIMEOUT);
        }

        public Settings withExpectedStatus(int min, int max) {
            return new Settings(url, method, headers, min, max, bodyContains, degradedAfter, requestTimeout);
        }

        public Settings withBodyContains(String text) {
            return new Settings(url, method, headers, expectedStatusMin, expectedStatusMax,
                    Optional.of(text), degradedAfter, requestTimeout);
        }

        public Settings withDegradedAfter(Duration limit) {
            return new Settings(url, method, headers, expectedStatusMin, expectedStatusMax,
                    bodyContains, Optional.of(limit), requestTimeout);
        }

        public Settings withRequestTimeout(Duration timeout) {
            return new Settings(url, method, headers, expectedStatusMin, expectedStatusMax,
                    bodyContains, degradedAfter, timeout);
        }

        public Settings withHeaders(Map<String, String> newHeaders) {
            return new Settings(url, method, newHeaders, expectedStatusMin, expectedStatusMax,
                    bodyContains, degradedAfter, requestTimeout);
        }

        /** Records print their fields; this one must not print header secrets. */
        @Override
        public String toString() {
            var shown = new LinkedHashMap<String, String>();
            headers.forEach((name, value) -> shown.put(name, Redaction.isSecretName(name) ? Redaction.MASK : value));
            return "HttpCheck.Settings[url=" + Redaction.url(url) + ", method=" + method + ", headers=" + shown
                    + ", expectedStatus=" + expectedStatusMin + "-" + expectedStatusMax + ", bodyContains=" + bodyContains
                    + ", degradedAfter=" + degradedAfter + ", requestTimeout=" + requestTimeout + "]";
        }
    }

    private final Settings settings;
    private final String shownUrl;
    private final HttpClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    public HttpCheck(Settings settings) {
        this.settings = Require.nonNull(settings, "settings");
        this.shownUrl = Redaction.url(settings.url());
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public HealthCheckResult check() throws InterruptedException {
        if (closed.get()) {
            return HealthCheckResult.unhealthy("HTTP check of " + shownUrl + " is closed");
        }
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            return HealthCheckResult.unhealthy("Timed out after " + settings.requestTimeout() + " connecting to " + shownUrl);
        } catch (HttpTimeoutException e) {
            return HealthCheckResult.unhealthy("No response within " + settings.requestTimeout() + " from " + shownUrl);
        } catch (ConnectException e) {
            return HealthCheckResult.unhealthy("Connection refused by " + shownUrl);
        } catch (IOException e) {
            return HealthCheckResult.unhealthy("Request to " + shownUrl + " failed: " + Reasons.of(e));
        }
        try (InputStream body = response.body()) {
            return judge(response.statusCode(), body, started);
        } catch (IOException e) {
            return HealthCheckResult.unhealthy("Reading the body from " + shownUrl + " failed: " + Reasons.of(e));
        }
    }

    private HttpRequest request() {
        var builder = HttpRequest.newBuilder(settings.url())
                .timeout(settings.requestTimeout())
                .method(settings.method(), HttpRequest.BodyPublishers.noBody());
        settings.headers().forEach(builder::header);
        return builder.build();
    }

    private HealthCheckResult judge(int status, InputStream body, long started) throws IOException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status_code", status);
        if (status < settings.expectedStatusMin() || status > settings.expectedStatusMax()) {
            details.put("latency_ms", millisSince(started));
            return HealthCheckResult.of(HealthStatus.UNHEALTHY, "HTTP " + status + " from " + shownUrl, details);
        }
        if (settings.bodyContains().isPresent()) {
            String text = new String(body.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            if (!text.contains(settings.bodyContains().get())) {
                details.put("latency_ms", millisSince(started));
                return HealthCheckResult.of(HealthStatus.UNHEALTHY, "HTTP " + status + " from " + shownUrl
                        + " but the body does not contain '" + settings.bodyContains().get() + "'", details);
            }
        }
        long latencyMs = millisSince(started);
        details.put("latency_ms", latencyMs);
        Optional<Duration> limit = settings.degradedAfter();
        if (limit.isPresent() && latencyMs > limit.get().toMillis()) {
            return HealthCheckResult.of(HealthStatus.DEGRADED, "HTTP " + status + " from " + shownUrl + " took "
                    + latencyMs + " ms, above degraded-after " + limit.get().toMillis() + " ms", details);
        }
        return HealthCheckResult.of(HealthStatus.HEALTHY, "HTTP " + status + " from " + shownUrl, details);
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** Stops the client at once; a run in flight fails instead of holding up unregistration. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "HttpCheck[" + settings.method() + " " + shownUrl + "]";
    }
}
