package dev.selfheal.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PredictionConfigTest {

    private static final String BASE = """
            server: { port: 0 }
            integrations: { defaults: false }
            """;

    private static Config parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(new StringReader(BASE + yaml), "test.yaml");
    }

    @Test
    void withoutResourcesThePredictorDoesNotRun() {
        assertThat(parse("performance: { interval: 5s }").performance().prediction().enabled()).isFalse();
        assertThat(parse("").performance().prediction()).isEqualTo(PredictionConfig.none());
    }

    @Test
    void resourcesAndSettingsAreRead() {
        PredictionConfig p = parse("""
                performance:
                  prediction: { interval: 5s, horizon: 1h, min-confidence: 0.95, min-readings: 30 }
                  resources:
                    - { component: selfheal, kind: heap }
                    - { component: worker, kind: directory, path: /var/spool/worker, limit-bytes: 2000000000 }
                """).performance().prediction();
        assertThat(p.enabled()).isTrue();
        assertThat(p.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.horizon()).isEqualTo(Duration.ofHours(1));
        assertThat(p.minConfidence()).isEqualTo(0.95);
        assertThat(p.minReadings()).isEqualTo(30);
        assertThat(p.resources()).containsExactly(
                new PredictionConfig.ResourceSpec("selfheal", PredictionConfig.Kind.HEAP, java.util.Optional.empty(), OptionalLong.empty()),
                new PredictionConfig.ResourceSpec("worker", PredictionConfig.Kind.DIRECTORY,
                        java.util.Optional.of(Path.of("/var/spool/worker")), OptionalLong.of(2_000_000_000L)));
    }

    @Test
    void badResourcesAreReportedAtTheirKeyPaths() {
        List<String> problems = catchThrowableOfType(ConfigException.class, () -> parse("""
                performance:
                  prediction: { min-confidence: 2, min-readings: 3, soon: true }
                  resources:
                    - { component: a, kind: quota }
                    - { component: b, kind: directory }
                    - { kind: heap }
                """)).problems().stream().map(ConfigProblem::toString).toList();
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).contains("performance.prediction.min-confidence"))
                .anySatisfy(p -> assertThat(p).contains("performance.prediction.min-readings"))
                .anySatisfy(p -> assertThat(p).contains("performance.prediction.soon"))
                .anySatisfy(p -> assertThat(p).contains("performance.resources[0].kind").contains("quota").contains("heap, disk"))
                .anySatisfy(p -> assertThat(p).contains("performance.resources[1].path").contains("required"))
                .anySatisfy(p -> assertThat(p).contains("performance.resources[1].limit-bytes").contains("required"))
                .anySatisfy(p -> assertThat(p).contains("performance.resources[2].component").contains("required"));
    }

    @Test
    void theDumpShowsThePredictorAndReadsBackToTheSameConfig() {
        Config config = parse("""
                performance:
                  prediction: { horizon: 45m, min-confidence: 0.8 }
                  resources:
                    - { component: worker, kind: directory, path: /var/spool/worker, limit-bytes: 2000000000 }
                    - { component: worker, kind: disk, path: /var/spool }
                    - { component: github, kind: http-json, url: "http://127.0.0.1:8101/_admin/stats", used: heap_used_bytes,
                        limit: heap_max_bytes, resource: heap, as: memory }
                    - { component: queue, kind: http-json, url: "http://127.0.0.1:9000/stats", used: depth, limit-value: 5000 }
                """);
        Map<String, Object> section = Map.of("performance", ConfigDump.tree(config).get("performance"));
        org.yaml.snakeyaml.DumperOptions options = new org.yaml.snakeyaml.DumperOptions();
        options.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        String yaml = new org.yaml.snakeyaml.Yaml(options).dump(section);

        assertThat(ConfigDump.yaml(config)).contains("horizon: 45m").contains("limit-bytes: 2000000000");
        assertThat(parse(yaml).performance()).isEqualTo(config.performance());
    }

    @Test
    void anHttpJsonResourceNamesItsFieldsAndWhatRunsOut() {
        PredictionConfig.ResourceSpec r = parse("""
                performance:
                  resources:
                    - { component: github, kind: http-json, url: "http://127.0.0.1:8101/_admin/stats", used: heap_used_bytes,
                        limit: heap_max_bytes, resource: heap, as: memory }
                """).performance().prediction().resources().getFirst();
        assertThat(r.kind()).isEqualTo(PredictionConfig.Kind.HTTP_JSON);
        assertThat(r.endpoint()).contains(new PredictionConfig.Endpoint(java.net.URI.create("http://127.0.0.1:8101/_admin/stats"),
                "heap_used_bytes", java.util.Optional.of("heap_max_bytes"), java.util.OptionalDouble.empty(), "heap", "memory"));
    }

    @Test
    void anHttpJsonResourceWithoutItsKeysIsReportedAtThem() {
        List<String> problems = catchThrowableOfType(ConfigException.class, () -> parse("""
                performance:
                  resources:
                    - { component: a, kind: http-json, url: "ftp://x", used: u, limit: l }
                    - { component: b, kind: http-json, url: "http://127.0.0.1:1/s", limit: l }
                    - { component: c, kind: http-json, url: "http://127.0.0.1:1/s", used: u, limit: l, limit-value: 3 }
                    - { component: d, kind: http-json, url: "http://127.0.0.1:1/s", used: u, limit-value: 3, as: tea }
                    - { component: e, kind: heap, url: "http://127.0.0.1:1/s" }
                """)).problems().stream().map(ConfigProblem::toString).toList();
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).contains("performance.resources[0].url"))
                .anySatisfy(p -> assertThat(p).contains("performance.resources[1].used").contains("required"))
                .anySatisfy(p -> assertThat(p).contains("performance.resources[2]").contains("exactly one of 'limit'"))
                .anySatisfy(p -> assertThat(p).contains("performance.resources[3].as").contains("tea").contains("memory"))
                .anySatisfy(p -> assertThat(p).contains("performance.resources[4].url"));
    }
}
