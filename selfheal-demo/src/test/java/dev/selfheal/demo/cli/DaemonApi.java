package dev.selfheal.demo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The demo daemon's REST API as the scenario tests read it. */
final class DaemonApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;

    DaemonApi(URI base) {
        this.base = base;
    }

    /** {@code GET path}, which must answer 200. */
    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** {@code POST path} with a JSON body; the answer as it came. */
    HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    List<JsonNode> incidents() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        get("/api/incidents").get("incidents").forEach(out::add);
        return out;
    }

    /** The incidents whose ids are not in {@code before}. */
    List<JsonNode> openedSince(Set<String> before) throws Exception {
        return incidents().stream().filter(i -> !before.contains(i.get("id").asText())).toList();
    }

    boolean healthy(String component) throws Exception {
        for (JsonNode group : get("/api/health").get("groups")) {
            for (JsonNode c : group.get("components")) {
                if (c.path("name").asText().equals(component)) {
                    return c.path("status").asText().equals("HEALTHY");
                }
            }
        }
        return false;
    }
}
