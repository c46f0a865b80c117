package dev.selfheal.server.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.prediction.Resource;
import dev.selfheal.prediction.ResourceGauge;
import dev.selfheal.prediction.ResourceKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource another process reports over HTTP as JSON: two numeric fields of its answer, what is
 * used and its limit (or a fixed limit), such as a service's {@code heap_used_bytes} against its
 * {@code heap_max_bytes}. The predictor's cycle never waits on the network: each reading returns
 * the last answer fetched, and starts the next fetch in the background. An answer older than
 * {@code stale} is not a reading (the process is gone or restarting).
 */
final class HttpJsonGauge implements ResourceGauge {

    private static final Logger log = LoggerFactory.getLogger(HttpJsonGauge.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Resource resource;
    private final ResourceKind kind;
    private final URI url;
    private final String usedField;
    private final Optional<String> limitField;
    private final OptionalDouble fixedLimit;
    private final Duration timeout;
    private final Duration stale;
    private final HttpClient http;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private final AtomicReference<Fetched> last = new AtomicReference<>();
    private volatile String lastError = "";

    private record Fetched(Reading reading, Instant at) { }

    HttpJsonGauge(Resource resource, ResourceKind kind, URI url, String usedField, Optional<String> limitField,
                  OptionalDouble fixedLimit, Duration timeout, Duration stale, HttpClient http) {
        if (limitField.isEmpty() == fixedLimit.isEmpty()) {
            throw new IllegalArgumentException("resource " + resource + ": exactly one of a limit field and a fixed limit");
        }
        this.resource = resource;
        this.kind = kind;
        this.url = url;
        this.usedField = usedField;
        this.limitField = limitField;
        this.fixedLimit = fixedLimit;
        this.timeout = timeout;
        this.stale = stale;
        this.http = http;
    }

    @Override
    public Resource resource() {
        return resource;
    }

    @Override
    public ResourceKind kind() {
        return kind;
    }

    @Override
    public Optional<Reading> read(Instant now) {
        fetchInBackground(now);
        Fetched f = last.get();
        if (f == null || f.at().plus(stale).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(f.reading());
    }

    /** {@code asked} stamps the answer: staleness is judged on the predictor's clock. */
    private void fetchInBackground(Instant asked) {
        if (!fetching.compareAndSet(false, true)) {
            return; // the previous fetch is still out: one at a time per resource
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json").GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                if (failure != null) {
                    note("unreachable: " + failure);
                } else if (response.statusCode() != 200) {
                    note("answered " + response.statusCode());
                } else {
                    accept(response.body(), asked);
                }
            } finally {
                fetching.set(false);
            }
        });
    }

    /** Parses one answer; a malformed one is logged (once per kind of error) and not a reading. */
    void accept(String body, Instant asked) {
        try {
            JsonNode root = JSON.readTree(body);
            double used = number(root, usedField);
            double limit = limitField.isPresent() ? number(root, limitField.get()) : fixedLimit.getAsDouble();
            last.set(new Fetched(Reading.of(used, limit), asked));
            lastError = "";
        } catch (Exception e) {
            note(e.getMessage());
        }
    }

    private static double number(JsonNode root, String field) {
        JsonNode n = root.path(field);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("field '%s' is %s, not a number".formatted(field, n.isMissingNode() ? "missing" : n.getNodeType()));
        }
        return n.asDouble();
    }

    private void note(String error) {
        if (!error.equals(lastError)) {
            lastError = error;
            log.warn("event=resource_read_failed resource={} url={} error=\"{}\"", resource, url, error);
        }
    }
}
