package dev.selfheal.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.selfheal.metrics.MetricKind;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PerformanceConfigTest {

    private static final String BASE = """
            server: { port: 0 }
            checks:
              - { name: jvm, type: jvm }
            integrations: { seed: false }
            """;

    private static Config parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(new StringReader(BASE + yaml), "test.yaml");
    }

    private static List<String> problemsOf(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml)).problems().stream()
                .map(ConfigProblem::toString).toList();
    }

    @Test
    void withoutTheSectionTheMonitorDoesNotRun() {
        assertThat(parse("").performance().enabled()).isFalse();
    }

    @Test
    void theSectionSetsLimitsPerComponentOnTopOfTheDefaultsAndThePrometheusQueries() {
        PerformanceConfig p = parse("""
                performance:
                  interval: 5s
                  thresholds: { cpu: 0.7 }
                  components:
                    batch: { response-time-p95: 5000 }
                  jvm: daemon
                  prometheus:
                    url: http://127.0.0.1:9090
                    queries:
                      - { component: checkout, kind: error-rate, promql: 'sum(rate(errors[1m])) / sum(rate(calls[1m]))' }
                  anomaly: { min-score: 0.8 }
                """).performance();

        assertThat(p.enabled()).isTrue();
        assertThat(p.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.thresholds().thresholdsFor("checkout").limit(MetricKind.CPU_USAGE)).isEqualTo(0.7);
        assertThat(p.thresholds().thresholdsFor("batch").limit(MetricKind.RESPONSE_TIME_P95)).isEqualTo(5000);
        assertThat(p.thresholds().thresholdsFor("batch").limit(MetricKind.CPU_USAGE)).as("inherits the section's defaults").isEqualTo(0.7);
        assertThat(p.jvm()).contains("daemon");
        assertThat(p.prometheus()).get().satisfies(prom -> {
            assertThat(prom.url()).isEqualTo(URI.create("http://127.0.0.1:9090"));
            assertThat(prom.guard()).isEqualTo(Optional.empty());
            assertThat(prom.queries()).singleElement().extracting(PerformanceConfig.Query::kind).isEqualTo(MetricKind.ERROR_RATE);
        });
        assertThat(p.anomaly().minScore()).isEqualTo(0.8);
    }

    @Test
    void badValuesAreReportedAtTheirKeyPaths() {
        List<String> problems = problemsOf("""
                performance:
                  thresholds: { cpu: 80, latency: 3 }
                  prometheus:
                    url: ftp://x
                    guard: prometheus
                    queries:
                      - { component: a, kind: speed, promql: up }
                  anomaly: { detector: magic }
                """);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("performance.thresholds.cpu"))
                .anySatisfy(p -> assertThat(p).contains("performance.thresholds.latency"))
                .anySatisfy(p -> assertThat(p).contains("performance.prometheus.url").contains("http"))
                .anySatisfy(p -> assertThat(p).contains("performance.prometheus.guard").contains("integrations:"))
                .anySatisfy(p -> assertThat(p).contains("kind").contains("speed").contains("response-time-p95"))
                .anySatisfy(p -> assertThat(p).contains("performance.anomaly.detector").contains("magic"));
    }
}
