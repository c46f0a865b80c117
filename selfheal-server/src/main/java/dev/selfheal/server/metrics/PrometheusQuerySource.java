package dev.selfheal.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.metrics.Measurement;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.metrics.MetricSource;
import dev.selfheal.resilience.Guard;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measurements from PromQL queries against a Prometheus server's {@code /api/v1/query}: each
 * query is one figure of one component. The result may be a scalar or an instant vector; of a
 * vector the first sample is taken (write the query so that it yields one series, e.g. with
 * {@code max by ()} or {@code sum}). An empty vector, {@code NaN} or {@code ±Inf} gives no
 * figure.
 *
 * <p>Calls go through the integration's {@link Guard} when one is given (breaker, retry,
 * deadline, as configured under {@code integrations:}), else plainly, bounded by the timeout.
 * A query that fails is logged and left out; the others still count.
 */
public final class PrometheusQuerySource implements MetricSource {

    private static final Logger log = LoggerFactory.getLogger(PrometheusQuerySource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One query: its result is a {@code kind} figure of {@code component}. */
    public record Query(String component, MetricKind kind, String promql) {
    }

    private final URI base;
    private final Duration timeout;
    private final Optional<Guard> guard;
    private final List<Query> queries;
    private final HttpClient http;

    public PrometheusQuerySource(URI base, Duration timeout, Optional<Guard> guard, List<Query> queries) {
        this.base = base;
        this.timeout = timeout;
        this.guard = guard;
        this.queries = List.copyOf(queries);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public List<Measurement> collect(Instant now) {
        List<Measurement> out = new ArrayList<>();
        for (Query q : queries) {
            try {
                OptionalDouble value = guard.isPresent()
                        ? guard.get().call("query", () -> query(q.promql()))
                        : query(q.promql());
                value.ifPresent(v -> out.add(new Measurement(q.component(), q.kind(), v, now)));
            } catch (Exception e) {
                log.warn("event=promql_failed component={} kind={} error=\"{}\"", q.component(), q.kind().key(), e.toString());
            }
        }
        return out;
    }

    /** Runs one instant query; the value of its scalar or its first sample. */
    public OptionalDouble query(String promql) throws IOException, InterruptedException {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IOException("Prometheus answered " + response.statusCode() + ": "
                    + body.path("errorType").asText("") + " " + body.path("error").asText(response.body()));
        }
        return valueOf(body.path("data"));
    }

    static OptionalDouble valueOf(JsonNode data) {
        JsonNode sample = switch (data.path("resultType").asText()) {
            case "scalar" -> data.path("result");
            case "vector" -> data.path("result").path(0).path("value");
            default -> null;
        };
        if (sample == null || !sample.isArray() || sample.size() < 2) {
            return OptionalDouble.empty();
        }
        double v;
        try {
            v = Double.parseDouble(sample.get(1).asText());
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }
}
