package dev.selfheal.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.AlertStatus;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) on loopback,
 * configured with a webhook receiver pointing at the daemon's {@code /api/v1/alertmanager}:
 * an alert pushed into Alertmanager opens an incident in selfheal, and its resolution
 * resolves it. Skipped with a message when the binary is missing, unless {@code CI=true}.
 */
class AlertmanagerEndToEndTest {

    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    @TempDir
    Path dir;
    private Daemon daemon;
    private Process alertmanager;
    private Http am;

    @BeforeEach
    void start() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            String message = BINARY + " is missing: install the Debian package prometheus-alertmanager";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true, so this test must run)");
            }
            Assumptions.abort(message + "; skipped because CI is unset");
        }
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                alerting:
                  receivers: [ { name: log, type: log } ]
                  route: { receiver: log, group-wait: 100ms }
                """.formatted(dir)), "test.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        int port = freePort();
        Path amConfig = dir.resolve("alertmanager.yml");
        Files.writeString(amConfig, """
                route:
                  receiver: selfheal
                  group_by: [alertname, component]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: selfheal
                    webhook_configs:
                      - url: %s/api/v1/alertmanager
                        send_resolved: true
                """.formatted(daemon.baseUri()));
        alertmanager = new ProcessBuilder(List.of(BINARY.toString(), "--config.file=" + amConfig,
                "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        am = new Http(URI.create("http://127.0.0.1:" + port));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> am.get("/-/ready").status() == 200);
    }

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
        if (daemon != null) {
            daemon.stop();
        }
    }

    @Test
    void an_alert_pushed_into_alertmanager_opens_an_incident_in_selfheal_and_its_resolution_resolves_it() throws Exception {
        // Given Alertmanager routes everything to selfheal's ingest endpoint
        Instant startsAt = Instant.now().minusSeconds(5);
        String alert = """
                [{"labels": {"alertname": "WorkerDown", "component": "worker-7", "severity": "critical"},
                  "annotations": {"summary": "worker-7 stopped answering"},
                  "startsAt": "%s"%s}]
                """;
        // When a firing alert is pushed into Alertmanager's API
        assertThat(am.post("/api/v2/alerts", alert.formatted(startsAt, "")).status()).isEqualTo(200);
        // Then selfheal opens an incident for the component, with Alertmanager's evidence, and raises its alert
        Incident incident = await().atMost(Duration.ofSeconds(30)).until(
                () -> daemon.alerting().incidents().unresolvedFor("worker-7"), Optional::isPresent).orElseThrow();
        assertThat(incident.problems().get(0).source()).isEqualTo("alertmanager");
        assertThat(incident.problems().get(0).type().name()).isEqualTo("worker_down");
        assertThat(incident.problems().get(0).evidence()).contains("worker-7 stopped answering");
        Alert raised = await().atMost(Duration.ofSeconds(10)).until(() -> daemon.alerting().alerts().open().stream()
                .filter(a -> a.component().equals("worker-7")).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(raised.incidentId()).contains(incident.id());

        // When the alert resolves in Alertmanager (endsAt in the past)
        assertThat(am.post("/api/v2/alerts", alert.formatted(startsAt, ", \"endsAt\": \"" + Instant.now().minusSeconds(1) + "\"")).status())
                .isEqualTo(200);
        // Then Alertmanager sends the resolution and selfheal resolves the incident and its alert
        await().atMost(Duration.ofSeconds(30)).until(() ->
                daemon.alerting().incidents().get(incident.id()).map(Incident::state).orElseThrow() == IncidentState.RESOLVED);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                daemon.alerting().alerts().find(raised.id()).map(Alert::status).orElseThrow() == AlertStatus.RESOLVED);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
