package dev.selfheal.server.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.incident.Incident;
import dev.selfheal.server.api.AlertIntake;
import dev.selfheal.server.api.AlertmanagerIngest;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.ChildProcesses;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert storm does not stall healing: while 20 clients post Alertmanager payloads to the
 * ingest as fast as they can (50,000 distinct alerts on 5,000 components, the 0.7 MB body
 * of 10,000 alerts among them), a supervised worker killed twice is restarted each time, the ingest pushes back with 429
 * and Retry-After instead of absorbing, and every alert it accepted is handled or counted, also
 * those still queued when the daemon stops. Before the intake lane, the restart waited behind
 * every queued alert (127 s and 293 s in two runs) and memory grew to 1.43 GB.
 */
class AlertStormHealingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int CLIENTS = 20;

    @TempDir
    Path dir;

    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
        ChildProcesses.find(ProcessHandle.current(), "sleep", "609").forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aKilledWorkerIsRestartedDuringAStormThatIsPushedBackAndNothingAcceptedIsLostUncounted() throws Exception {
        Path config = dir.resolve("selfheal.yaml");
        Files.writeString(config, """
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                services:
                  - { name: worker, command: [sleep, "609"], stop-grace: 1s, check: { interval: 200ms } }
                healing:
                  interval: 1s
                  verification: { window: 2s, poll: 200ms }
                  max-actions: { per-component: 10, global: 20, window: 15m }
                  degradation: { host-resources: false }
                """.formatted(dir), java.nio.charset.StandardCharsets.UTF_8);
        daemon = Daemon.start(new ConfigLoader(Map.of()).load(config), new CheckFactory());
        ApiClient api = new ApiClient(daemon.baseUri());
        await().atMost(PATIENCE).until(() -> api.statusOf("worker").equals("HEALTHY"));

        // Given 20 clients posting alerts as fast as they can, the first a single body of 10,000 alerts
        String wholeStorm = payload(0, 10_000);
        assertThat(wholeStorm.length()).isBetween(600_000, 1_000_000);
        AtomicBoolean storming = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong();
        AtomicLong tooMany = new AtomicLong();
        AtomicLong otherAnswers = new AtomicLong();
        AtomicLong retryAfterMissing = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstOther = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(Thread.ofPlatform().name("storm-" + c).start(() -> {
                HttpClient http = HttpClient.newHttpClient();
                int round = 0;
                while (storming.get()) {
                    String body = client == 0 && round == 0 ? wholeStorm : payload((client * 7919 + round * 500) % 50_000, 500);
                    round++;
                    try {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(daemon.baseUri().resolve("/api/v1/alertmanager"))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else if (answer.statusCode() == 429) {
                            tooMany.incrementAndGet();
                            if (answer.headers().firstValue("Retry-After").isEmpty()) {
                                retryAfterMissing.incrementAndGet();
                            }
                        } else {
                            otherAnswers.incrementAndGet();
                            firstOther.compareAndSet(null, answer.statusCode() + " " + answer.body());
                        }
                    } catch (Exception e) {
                        if (storming.get()) {
                            otherAnswers.incrementAndGet();
                            firstOther.compareAndSet(null, e.toString());
                        }
                    }
                }
            }));
        }
        AlertIntake intake = daemon.alerting().intake();
        try {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(intake.accepted() >= 10_000 && tooMany.get() > 0)
                    .as("accepted %d handled %d coalesced %d queued %d; answers 200: %d, 429: %d, other: %d", intake.accepted(),
                            intake.handled(), intake.coalesced(), intake.queued(), ok.get(), tooMany.get(), otherAnswers.get()).isTrue());

            // When the worker is killed twice during the storm
            for (int kill = 1; kill <= 2; kill++) {
                ProcessHandle worker = ChildProcesses.findOne(ProcessHandle.current(), "sleep", "609").orElseThrow();
                worker.destroyForcibly();
                // Then each time it is restarted while the storm goes on
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(ChildProcesses.find(ProcessHandle.current(), "sleep", "609")
                        .stream().anyMatch(p -> p.pid() != worker.pid()))
                        .as("a new worker; the worker's incidents: %s", api.get("/api/incidents?component=worker").body()).isTrue());
                // and its incident resolved (verified), so that the next kill is a new incident, not a failed verification
                await().atMost(PATIENCE).until(() -> {
                    var list = api.get("/api/incidents?component=worker").json().get("incidents");
                    for (var incident : list) {
                        if (!incident.get("state").asText().equals("RESOLVED")) {
                            return false;
                        }
                    }
                    return !list.isEmpty();
                });
                assertThat(storming.get()).isTrue();
            }
            // And the ingest pushed back rather than absorbed: the lane never held more than its capacity
            assertThat(intake.queued()).isLessThanOrEqualTo(AlertIntake.DEFAULT_CAPACITY);
            assertThat(tooMany.get()).isPositive();
            assertThat(retryAfterMissing.get()).isZero();
            assertThat(otherAnswers.get()).as("answers neither 200 nor 429, the first: %s", firstOther.get()).isZero();
            // And the storm's alerts became incidents per component, each listing a bounded number of problems
            List<Incident> open = daemon.alerting().incidents().unresolved();
            assertThat(open).allSatisfy(i -> assertThat(i.problems().size()).isLessThanOrEqualTo(Incident.MAX_PROBLEMS));
            // and beyond a hundred components, into one storm incident rather than one per component (5,000)
            assertThat(open.stream().filter(i -> i.component().startsWith("host-")).count())
                    .isLessThanOrEqualTo(AlertmanagerIngest.MAX_EXTERNAL_INCIDENTS);
            await().atMost(PATIENCE).until(() -> daemon.alerting().incidents().unresolvedFor(AlertmanagerIngest.STORM_COMPONENT).isPresent());
            assertThat(daemon.alerting().incidents().unresolved().stream().filter(i -> i.component().startsWith("host-")).count())
                    .isLessThanOrEqualTo(AlertmanagerIngest.MAX_EXTERNAL_INCIDENTS);
        } finally {
            storming.set(false);
            for (Thread t : clients) {
                t.join(PATIENCE.toMillis());
            }
        }

        // And every alert accepted was handled or counted, including those still queued when the daemon stops
        daemon.stop();
        assertThat(intake.accepted()).isPositive();
        assertThat(intake.handled() + intake.coalesced() + intake.failed() + intake.dropped()).isEqualTo(intake.accepted());
        assertThat(intake.failed()).isZero();
        daemon = null;
    }

    /** An Alertmanager webhook body of {@code count} firing alerts, numbered from {@code first}: 50,000 distinct alerts, ten on each of 5,000 components. */
    private static String payload(int first, int count) {
        StringBuilder b = new StringBuilder(count * 80).append("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[");
        for (int i = 0; i < count; i++) {
            int n = (first + i) % 50_000;
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"Storm").append(n / 5_000 % 10)
                    .append("\",\"instance\":\"host-").append(n % 5_000).append(":9100\"}}");
        }
        return b.append("]}").toString();
    }
}
