package dev.selfheal.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.metrics.Measurement;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a real daemon on a loopback port and a real Prometheus scraping its {@code /metrics},
 * when PromQL queries run through {@link PrometheusQuerySource}, then they read the daemon's
 * own figures, and a figure over its limit becomes an incident in a daemon that monitors it.
 */
class PrometheusQuerySourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Daemon scraped;
    private Daemon monitoring;
    private RealPrometheus prometheus;

    @BeforeEach
    void startADaemonAndAPrometheusThatScrapesIt() throws Exception {
        RealPrometheus.requireBinary();
        scraped = Daemon.start(config("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/scraped.db" }
                checks:
                  - { name: jvm, type: jvm, interval: 100ms }
                integrations: { defaults: false }
                """.formatted(dir)), new CheckFactory());
        prometheus = RealPrometheus.start(dir, List.of("127.0.0.1:" + scraped.port()));
        var up = new PrometheusQuerySource(prometheus.uri(), Duration.ofSeconds(2), Optional.empty(), List.of());
        await().atMost(PATIENCE).ignoreExceptions().until(() -> up.query("up{job=\"selfheal\"}").orElse(0) == 1.0);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (monitoring != null) {
            monitoring.stop();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (scraped != null) {
            scraped.stop();
        }
    }

    @Test
    void aQueryReadsTheScrapedDaemonsOwnFigureAsAMeasurement() {
        var source = new PrometheusQuerySource(prometheus.uri(), Duration.ofSeconds(2), Optional.empty(), List.of(
                new PrometheusQuerySource.Query("scraped", MetricKind.CONCURRENT_REQUESTS,
                        "max(selfheal_check_runs_total{job=\"selfheal\"})"),
                new PrometheusQuerySource.Query("scraped", MetricKind.MEMORY_USAGE,
                        "sum(selfheal_jvm_memory_used_bytes{area=\"heap\"}) / sum(selfheal_jvm_memory_committed_bytes{area=\"heap\"})")));

        List<Measurement> out = await().atMost(PATIENCE).until(() -> source.collect(Instant.EPOCH), list -> list.size() == 2);

        assertThat(out).extracting(Measurement::component).containsOnly("scraped");
        assertThat(out.get(0).value()).as("check runs the daemon has counted").isGreaterThanOrEqualTo(1);
        assertThat(out.get(1).value()).as("heap in use").isBetween(0.0, 1.0);
    }

    @Test
    void anEmptyResultOrABadQueryGivesNoFigureAndTheOthersStillCount() throws Exception {
        var source = new PrometheusQuerySource(prometheus.uri(), Duration.ofSeconds(2), Optional.empty(), List.of(
                new PrometheusQuerySource.Query("x", MetricKind.CPU_USAGE, "no_such_metric_anywhere"),
                new PrometheusQuerySource.Query("x", MetricKind.CPU_USAGE, "sum(rate(oops[1m]"),
                new PrometheusQuerySource.Query("x", MetricKind.CONCURRENT_REQUESTS, "vector(7)")));

        assertThat(source.query("no_such_metric_anywhere")).isEqualTo(OptionalDouble.empty());
        assertThat(source.collect(Instant.EPOCH)).singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(7));
    }

    @Test
    void aFigureOverItsLimitBecomesAnIncidentInTheMonitoringDaemonWhoseQueriesGoThroughTheirGuard() {
        monitoring = Daemon.start(config("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/monitoring.db" }
                checks:
                  - { name: jvm, type: jvm, interval: 1s }
                integrations:
                  defaults: false
                  prometheus: { deadline: 3s }
                performance:
                  interval: 100ms
                  jvm: false
                  components:
                    scraped: { concurrent-requests: 0.5 }
                  prometheus:
                    url: %s
                    timeout: 2s
                    guard: prometheus
                    queries:
                      - { component: scraped, kind: concurrent-requests, promql: 'max(selfheal_check_runs_total{job="selfheal"})' }
                """.formatted(dir, prometheus.uri())), new CheckFactory());

        await().atMost(PATIENCE).until(() -> monitoring.healing().incidents().unresolvedFor("scraped").isPresent());

        Incident incident = monitoring.healing().incidents().unresolvedFor("scraped").orElseThrow();
        assertThat(incident.problemTypes()).contains(ProblemType.PERFORMANCE_DEGRADATION);
        assertThat(incident.problems().get(0).source()).isEqualTo("performance");
        assertThat(incident.problems().get(0).evidence()).contains("scraped concurrent-requests").contains("over limit 0.5");
        // The count is the last assessment's (every 100 ms): one whose query timed out on a loaded machine
        // counts no figure, so wait for an assessment that measured it, rather than read whichever ran last.
        await().atMost(PATIENCE).until(() -> monitoring.performance().orElseThrow().violationCount() == 1);
        assertThat(monitoring.guards().guard("prometheus").circuitBreaker().getMetrics().getNumberOfSuccessfulCalls())
                .as("queries went through the prometheus guard").isPositive();
    }

    private static Config config(String yaml) {
        return new ConfigLoader(Map.of()).parse(new StringReader(yaml), "test.yaml");
    }
}
