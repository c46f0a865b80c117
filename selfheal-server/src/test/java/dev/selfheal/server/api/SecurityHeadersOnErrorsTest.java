package dev.selfheal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 400, 401, 403, 404 and 413 answers carry the same security headers as a 200, from a real daemon over HTTP. */
class SecurityHeadersOnErrorsTest {

    /** sha256("test"). */
    private static final String VIEWER_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    private Daemon daemon;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        daemon = Daemon.start(new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                security: { tokens: [ { name: vera, role: viewer, token-sha256: "%s" } ] }
                """.formatted(dir, VIEWER_SHA)), "test.yaml"), new CheckFactory());
    }

    @AfterEach
    void stop() {
        daemon.stop();
    }

    @Test
    void everyRefusalCarriesTheSecurityHeaders() throws Exception {
        Map<Integer, HttpRequest> refusals = Map.of(
                200, request("/api/alerts").header("Authorization", "Bearer test").build(),
                400, request("/api/alerts?state=bogus").header("Authorization", "Bearer test").build(),
                401, request("/api/alerts").build(),
                403, request("/api/silences").header("Authorization", "Bearer test")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                404, request("/api/no-such-thing").header("Authorization", "Bearer test").build(),
                413, request("/api/silences").header("Authorization", "Bearer test")
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(BodyLimitFilter.MAX_BYTES + 1))).build());

        for (Map.Entry<Integer, HttpRequest> e : refusals.entrySet()) {
            HttpResponse<String> answer = client.send(e.getValue(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(e.getValue().uri() + ": " + answer.body()).isEqualTo(e.getKey());
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as("status " + e.getKey()).contains("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as("status " + e.getKey()).contains("DENY");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as("status " + e.getKey()).isPresent();
            assertThat(answer.headers().firstValue("Referrer-Policy")).as("status " + e.getKey()).contains("no-referrer");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(daemon.baseUri().resolve(path));
    }
}
