package dev.selfheal.bench.heal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The bench's own look at a simulator, independent of either system: from the injection on, it
 * sends the probed request every 100 ms (1 s timeout) and completes with the time of the first
 * correct answer (2xx) after at least one failed one: the service is back for its users.
 */
final class ServiceObserver {

    private static final Duration EVERY = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    CompletableFuture<Optional<Instant>> watch(URI probe, Map<String, String> headers, Duration atMost) {
        CompletableFuture<Optional<Instant>> back = new CompletableFuture<>();
        Thread.ofVirtual().name("observer").start(() -> {
            Instant deadline = Instant.now().plus(atMost);
            boolean failed = false;
            while (Instant.now().isBefore(deadline) && !back.isDone()) {
                Instant sent = Instant.now();
                boolean ok = ok(probe, headers);
                if (!ok) {
                    failed = true;
                } else if (failed) {
                    back.complete(Optional.of(Instant.now()));
                    return;
                }
                long rest = EVERY.minus(Duration.between(sent, Instant.now())).toMillis();
                if (rest > 0) {
                    try {
                        Thread.sleep(rest);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
            }
            back.complete(Optional.empty());
        });
        return back;
    }

    /** One probe: true on a 2xx. */
    boolean ok(URI probe, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(probe).timeout(TIMEOUT).GET();
            headers.forEach(request::header);
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Injects a fault through the simulator's admin endpoint; returns the status (202 for a crash, 201 otherwise). */
    int inject(URI base, FaultKind kind) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/_admin/faults")).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(kind.json())).build();
        // A client of its own, so the POST never goes out on a pooled connection the server already closed
        // (a POST is not retried, and a lost injection would look like a fault nobody detected).
        try (HttpClient fresh = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            return fresh.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** Clears every fault (after a trial that did not recover); false when nothing answered. */
    boolean clear(URI base) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/_admin/faults")).timeout(Duration.ofSeconds(5)).DELETE().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 300;
        } catch (Exception e) {
            return false;
        }
    }
}
