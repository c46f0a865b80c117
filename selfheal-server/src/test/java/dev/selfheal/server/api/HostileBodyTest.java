package dev.selfheal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies too large, sent with a Content-Length or chunked, and numbers that would wrap, against a real daemon over HTTP. */
class HostileBodyTest {

    @TempDir
    Path dir;

    private Daemon daemon;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        daemon = Daemon.start(new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                """.formatted(dir)), "test.yaml"), new CheckFactory());
    }

    @AfterEach
    void stop() {
        daemon.stop();
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrItIsChunked() throws Exception {
        String big = silence("x".repeat(BodyLimitFilter.MAX_BYTES + 10));

        HttpResponse<String> declared = send(HttpRequest.BodyPublishers.ofString(big));
        HttpResponse<String> chunked = send(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("payload_too_large", "limit is " + BodyLimitFilter.MAX_BYTES + " bytes");
        assertThat(get("/api/silences")).doesNotContain("xxxxxxxxxx");
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadAsUsual() throws Exception {
        String small = silence("maintenance window");

        HttpResponse<String> chunked = send(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(small.getBytes(StandardCharsets.UTF_8))));

        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(201);
        assertThat(get("/api/silences")).contains("maintenance window");
    }

    @Test
    void aDegradationLevelThatWouldWrapIsRefusedNamingTheField() throws Exception {
        for (String level : new String[] {"4294967298", "-4294967295", "5", "2.5"}) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri("/api/degradation"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"level\": " + level + "}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(level).isEqualTo(400);
            assertThat(answer.body()).contains("field 'level' must be a whole number 0-4");
        }
        assertThat(get("/api/degradation")).contains("\"pinned\":false");
    }

    @Test
    void aSilenceEndingBeyondAYearOrStartingAbsurdlyFarAwayIsRefusedNamingTheFieldAndNotKept() throws Exception {
        // A silence ending after 2262 used to answer 500 "long overflow" yet stay active in memory, never stored.
        HttpResponse<String> farEnd = send(HttpRequest.BodyPublishers.ofString(
                "{\"matchers\": [\"component=web\"], \"ends_at\": \"2300-01-01T00:00:00Z\", \"created_by\": \"t\", \"comment\": \"far end\"}"));
        HttpResponse<String> longDuration = send(HttpRequest.BodyPublishers.ofString(
                "{\"matchers\": [\"component=web\"], \"duration\": \"999999999h\", \"created_by\": \"t\", \"comment\": \"long duration\"}"));
        HttpResponse<String> negative = send(HttpRequest.BodyPublishers.ofString(
                "{\"matchers\": [\"component=web\"], \"duration\": \"-5m\", \"created_by\": \"t\", \"comment\": \"negative\"}"));
        HttpResponse<String> farStart = send(HttpRequest.BodyPublishers.ofString(
                "{\"matchers\": [\"component=web\"], \"starts_at\": \"+1000000000-01-01T00:00:00Z\", \"duration\": \"1h\", "
                        + "\"created_by\": \"t\", \"comment\": \"far start\"}"));
        HttpResponse<String> ancientStart = send(HttpRequest.BodyPublishers.ofString(
                "{\"matchers\": [\"component=web\"], \"starts_at\": \"-1000000000-01-01T00:00:00Z\", \"ends_at\": \"2030-01-01T00:00:00Z\", "
                        + "\"created_by\": \"t\", \"comment\": \"ancient start\"}"));

        assertThat(farEnd.statusCode()).as(farEnd.body()).isEqualTo(400);
        assertThat(farEnd.body()).contains("ends_at");
        assertThat(longDuration.statusCode()).as(longDuration.body()).isEqualTo(400);
        assertThat(longDuration.body()).contains("duration");
        assertThat(negative.statusCode()).as(negative.body()).isEqualTo(400);
        assertThat(negative.body()).contains("duration");
        assertThat(farStart.statusCode()).as(farStart.body()).isEqualTo(400);
        assertThat(farStart.body()).contains("starts_at");
        assertThat(ancientStart.statusCode()).as(ancientStart.body()).isEqualTo(400);
        assertThat(ancientStart.body()).contains("starts_at");
        assertThat(get("/api/silences")).doesNotContain("far end", "long duration", "negative", "far start", "ancient start");
    }

    @Test
    void anIngestedAlertStartingInTheYearOneBillionIsRefusedNamingTheFieldNotDroppedSilently() throws Exception {
        String body = "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": \"Down\", \"job\": \"far\"}, "
                + "\"startsAt\": \"+1000000000-01-01T00:00:00Z\"}]}";

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri("/api/v1/alertmanager"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("alerts[0].startsAt");
    }

    private static String silence(String comment) {
        return "{\"matchers\": [\"component=web\"], \"duration\": \"1h\", \"created_by\": \"test\", "
                + "\"comment\": \"" + comment + "\"}";
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri("/api/silences")).POST(body).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private URI uri(String path) {
        return daemon.baseUri().resolve(path);
    }
}
