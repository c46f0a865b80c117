package dev.selfheal.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.retry.HttpStatusException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One request/response exchange with a JSON API on the JDK {@link HttpClient}, unguarded: the
 * clients call it inside their integration's {@link Guard}. A non-2xx answer becomes an
 * {@link HttpStatusException} carrying the status and every header (so the guard's retry,
 * Retry-After and rate-limit logic applies); the rate-limit headers of a 2xx answer are shown to
 * the guard ({@link Guard#observeRateLimit}). The token is added by the caller's
 * {@code authorize} function and never appears in a message.
 */
public final class JsonHttp {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 300;

    private final String integration;
    private final ClientSettings settings;
    private final Guard guard;
    private final HttpClient client;
    private final UnaryOperator<HttpRequest.Builder> authorize;
    private final ErrorMapper errors;
    /** How the far side answered the last exchange (anyone's): null after a success. */
    private volatile Exception lastFailure;

    /**
     * Reads an API's own error bodies: returns the exception to throw for a non-2xx answer, or
     * null for the default {@link HttpStatusException} (Linear's {@code RATELIMITED} arrives as
     * HTTP 400, say).
     */
    @FunctionalInterface
    public interface ErrorMapper {
        RuntimeException map(int status, Map<String, java.util.List<String>> headers, String body);
    }

    public JsonHttp(String integration, ClientSettings settings, Guard guard, UnaryOperator<HttpRequest.Builder> authorize) {
        this(integration, settings, guard, authorize, (status, headers, body) -> null);
    }

    public JsonHttp(String integration, ClientSettings settings, Guard guard, UnaryOperator<HttpRequest.Builder> authorize,
                    ErrorMapper errors) {
        this.errors = errors;
        this.integration = integration;
        this.settings = settings;
        this.guard = guard;
        this.authorize = authorize;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public ClientSettings settings() {
        return settings;
    }

    public Guard guard() {
        return guard;
    }

    /**
     * How the far side failed the last exchange anyone made through this client, or empty when
     * it answered 2xx (or nothing was sent yet). A health probe that the breaker refused reads it.
     */
    public java.util.Optional<Exception> lastFailure() {
        return java.util.Optional.ofNullable(lastFailure);
    }

    public ApiResponse get(String path) throws IOException, InterruptedException {
        return exchange(request(path).GET());
    }

    /** POSTs {@code body} as JSON, with {@code extraHeaders} (an {@code Idempotency-Key}, say). */
    public ApiResponse postJson(String path, Object body, Map<String, String> extraHeaders) throws IOException, InterruptedException {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder b = request(path)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(text));
        extraHeaders.forEach(b::header);
        return exchange(b);
    }

    private HttpRequest.Builder request(String path) {
        return authorize.apply(HttpRequest.newBuilder(settings.resolve(path))
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", "selfheal/0.1 (" + integration + ")"));
    }

    private ApiResponse exchange(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpRequest request = builder.build();
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            lastFailure = e;
            throw e;
        } catch (InterruptedException e) {
            lastFailure = new java.net.http.HttpTimeoutException("interrupted while waiting for the answer (the guard's time limit)");
            throw e;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        int status = response.statusCode();
        Map<String, java.util.List<String>> headers = response.headers().map();
        if (status < 200 || status > 299) {
            RuntimeException mapped = errors.map(status, headers, response.body());
            RuntimeException failure = mapped != null ? mapped : new HttpStatusException(status, headers, "%s %s %s: %s".formatted(
                    integration, request.method(), request.uri().getPath(), abbreviate(response.body())));
            lastFailure = failure;
            throw failure;
        }
        lastFailure = null;
        guard.observeRateLimit(headers);
        return new ApiResponse(status, headers, parse(response.body(), request), latency);
    }

    private JsonNode parse(String body, HttpRequest request) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("%s %s %s answered 2xx with a body that is not JSON: %s".formatted(
                    integration, request.method(), request.uri().getPath(), abbreviate(body)), e);
        }
    }

    /** Builds a JSON object from alternating keys and values, skipping null values. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                m.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return m;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_ERROR_TEXT ? oneLine : oneLine.substring(0, MAX_ERROR_TEXT) + "…";
    }
}
