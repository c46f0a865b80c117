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
