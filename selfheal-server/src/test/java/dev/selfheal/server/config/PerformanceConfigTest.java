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
            integrations: { defaults: false }
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
        assertThat(p.anomaly().zone()).as("default").isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(p.anomaly().resolution()).as("default: the rate the detectors were measured at")
                .isEqualTo(java.time.Duration.ofMinutes(5));
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
                  anomaly: { detector: magic, zone: Mars/Olympus_Mons, resolution: soon }
                """);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("performance.thresholds.cpu"))
                .anySatisfy(p -> assertThat(p).contains("performance.thresholds.latency"))
                .anySatisfy(p -> assertThat(p).contains("performance.prometheus.url").contains("http"))
                .anySatisfy(p -> assertThat(p).contains("performance.prometheus.guard").contains("integrations:"))
                .anySatisfy(p -> assertThat(p).contains("kind").contains("speed").contains("response-time-p95"))
                .anySatisfy(p -> assertThat(p).contains("performance.anomaly.detector").contains("magic"))
                .anySatisfy(p -> assertThat(p).contains("performance.anomaly.zone").contains("Mars/Olympus_Mons"))
                .anySatisfy(p -> assertThat(p).contains("performance.anomaly.resolution").contains("soon"));
    }

    @Test
    void theDumpShowsTheSectionAndReadsBackToTheSameConfig() {
        // Given a section with every kind of setting, a guarded Prometheus among them
        String withGuard = """
                server: { port: 0 }
                checks:
                  - { name: jvm, type: jvm }
                integrations:
                  defaults: false
                  prometheus:
                """;
        Config config = new ConfigLoader(Map.of()).parse(new StringReader(withGuard + """
                performance:
                  interval: 1500ms
                  thresholds: { cpu: 0.7, error-rate: 0.02 }
                  components:
                    batch: { response-time-p95: 5000 }
                    api: { concurrent-requests: 200 }
                  jvm: daemon
                  prometheus:
                    url: http://127.0.0.1:9090
                    timeout: 3s
                    guard: prometheus
                    queries:
                      - { component: checkout, kind: error-rate, promql: 'sum(rate(errors[1m])) / sum(rate(calls[1m]))' }
                      - { component: checkout, kind: response-time-p95, promql: 'histogram_quantile(0.95, rate(h[5m])) * 1000' }
                  anomaly: { detector: pattern, min-score: 0.8, min-confidence: 0.5, max-series: 500, zone: America/Los_Angeles, resolution: 1m }
                """), "test.yaml");

        // When the config is dumped (check-config --print, GET /api/config)
        String dump = ConfigDump.yaml(config);

        // Then the dump has the section, and its performance part read back gives the same config
        assertThat(dump).contains("performance:").contains("interval: 1500ms").contains("guard: prometheus")
                .contains("detector: pattern").contains("zone: America/Los_Angeles").contains("resolution: 1m");
        assertThat(config.performance().anomaly().zone()).isEqualTo(java.time.ZoneId.of("America/Los_Angeles"));
        PerformanceConfig original = config.performance();
        assertThat(readBack(withGuard, config)).isEqualTo(original);
    }

    @Test
    void withoutTheSectionTheDumpSaysDisabledAndReadsBackDisabled() {
        Config config = parse("");

        assertThat(ConfigDump.yaml(config)).contains("performance:").contains("enabled: false");
        assertThat(readBack(BASE, config)).isEqualTo(PerformanceConfig.disabled());
    }

    /** The dump's {@code performance:} part, loaded again under {@code head}. */
    private static PerformanceConfig readBack(String head, Config config) {
        Map<String, Object> section = Map.of("performance", ConfigDump.tree(config).get("performance"));
        org.yaml.snakeyaml.DumperOptions options = new org.yaml.snakeyaml.DumperOptions();
        options.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        String yaml = new org.yaml.snakeyaml.Yaml(options).dump(section);
        return new ConfigLoader(Map.of()).parse(new StringReader(head + yaml), "dump.yaml").performance();
    }
}
