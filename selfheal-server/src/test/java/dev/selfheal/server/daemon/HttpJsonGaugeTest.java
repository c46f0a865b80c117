package dev.selfheal.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.selfheal.prediction.Resource;
import dev.selfheal.prediction.ResourceGauge;
import dev.selfheal.prediction.ResourceKind;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gauge against a real HTTP server on loopback: it reads the fields, never waits, and forgets a stale answer. */
class HttpJsonGaugeTest {

    private final AtomicReference<String> body = new AtomicReference<>("{\"heap_used_bytes\": 100, \"heap_max_bytes\": 400}");
    private final AtomicInteger status = new AtomicInteger(200);
    private final HttpServer server;

    HttpJsonGaugeTest() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stats", exchange -> {
            byte[] answer = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpJsonGauge gauge(Optional<String> limitField, OptionalDouble limitValue) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stats");
        return new HttpJsonGauge(new Resource("github", "heap"), ResourceKind.MEMORY, url, "heap_used_bytes", limitField,
                limitValue, Duration.ofSeconds(10), Duration.ofSeconds(30), HttpClient.newHttpClient());
    }

    @Test
    void readsUsageAndLimitFromTheAnswerFetchedInTheBackground() {
        HttpJsonGauge gauge = gauge(Optional.of("heap_max_bytes"), OptionalDouble.empty());
        Instant t0 = Instant.parse("2026-12-07T10:00:00Z");

        assertThat(gauge.read(t0)).as("the first reading only starts the fetch").isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge.read(t0.plusSeconds(1)).isPresent());
        ResourceGauge.Reading r = gauge.read(t0.plusSeconds(2)).orElseThrow();
        assertThat(r.used()).isEqualTo(100);
        assertThat(r.limit()).isEqualTo(400);
        assertThat(gauge.kind()).isEqualTo(ResourceKind.MEMORY);
        assertThat(gauge.resource().key()).isEqualTo("github/heap");
    }

    @Test
    void aFixedLimitStandsForAMissingLimitField() {
        body.set("{\"heap_used_bytes\": 7}");
        HttpJsonGauge gauge = gauge(Optional.empty(), OptionalDouble.of(50));
        Instant t0 = Instant.parse("2026-12-07T10:00:00Z");
        gauge.read(t0);
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge.read(t0).isPresent());
        assertThat(gauge.read(t0).orElseThrow().limit()).isEqualTo(50);
    }

    @Test
    void aMalformedOrFailingAnswerIsNoReadingAndAnOldOneGoesStale() {
        HttpJsonGauge gauge = gauge(Optional.of("heap_max_bytes"), OptionalDouble.empty());
        Instant t0 = Instant.parse("2026-12-07T10:00:00Z");
        gauge.read(t0);
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge.read(t0).isPresent());

        // the last good answer was asked for at t0 or t0 + a poll; 30 s later it is stale
        body.set("{\"heap_used_bytes\": \"lots\", \"heap_max_bytes\": 400}");
        assertThat(gauge.read(t0.plusSeconds(31 + 60))).isEmpty();

        status.set(503); // and the fetch read() starts fails
        HttpJsonGauge fresh = gauge(Optional.of("heap_max_bytes"), OptionalDouble.empty());
        fresh.accept("not json", t0);
        fresh.accept("{\"heap_used_bytes\": \"lots\", \"heap_max_bytes\": 400}", t0);
        fresh.accept("{\"heap_max_bytes\": 400}", t0);
        assertThat(fresh.read(t0)).as("no answer so far had both numbers").isEmpty();
    }
}
