package dev.selfheal.demo.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The admin side of one simulator ({@code /_admin}): faults, health and the idempotency ledger. */
public final class SimulatorAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String api;
    private final URI base;

    public SimulatorAdmin(String api, URI base) {
        this.api = api;
        this.base = base;
    }

    public String api() {
        return api;
    }

    public URI base() {
        return base;
    }

    /** Whether the simulator answers its admin health now. */
    public boolean isUp() {
        try {
            return send(HttpRequest.newBuilder(base.resolve("/_admin/health")).timeout(Duration.ofSeconds(2)).GET()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Injects a fault ({@code {"mode": ...}}, docs/simulators.md); returns the status (201, 202 for crash). */
    public int inject(String faultJson) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/_admin/faults")).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(faultJson)));
        if (r.statusCode() >= 400) {
            throw new IOException("the %s simulator refused fault %s: %s".formatted(api, faultJson, r.body()));
        }
        return r.statusCode();
    }

    public void clearFaults() throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("/_admin/faults")).timeout(Duration.ofSeconds(5)).DELETE());
    }

    /** The idempotency ledger: key → times applied, plus the simulator's own "applied more than once" count. */
    public Applications applications() throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/_admin/applications")).timeout(Duration.ofSeconds(10)).GET());
        if (r.statusCode() != 200) {
            throw new IOException("GET /_admin/applications of the %s simulator answered %d".formatted(api, r.statusCode()));
        }
        JsonNode body = JSON.readTree(r.body());
        Map<String, Integer> applied = new HashMap<>();
        body.path("applications").forEach(a -> applied.put(a.path("key").asText(), a.path("applied").asInt()));
        return new Applications(api, applied, body.path("applied_more_than_once").asLong(), body.path("unkeyed_applications").asLong());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What one simulator applied. */
    public record Applications(String api, Map<String, Integer> appliedByKey, long appliedMoreThanOnce, long unkeyed) { }
}
