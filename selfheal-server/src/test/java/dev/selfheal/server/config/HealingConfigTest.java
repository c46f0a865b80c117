package dev.selfheal.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealingConfigTest {

    private static final String FULL = """
            services:
              - name: worker
                command: ["java", "-jar", "w.jar"]
                env: { MODE: batch, API_TOKEN: "${WORKER_TOKEN}" }
                working-dir: /srv/worker
                stop-grace: 3s
                output: /var/log/worker.log
                check: { interval: 1s, failure-threshold: 2 }
              - { name: sidecar, command: [sleep, "600"], check: false }
            healing:
              interval: 5s
              merge-window: 2m
              dry-run: true
              allow-high-risk: true
              verification: { window: 30s, poll: 1s }
              max-actions: { per-component: 2, global: 10, window: 10m }
              retry-interrupted: true
              problems:
                groups: { payments: integration_failure }
                components: { db-primary: database_issues }
              mapping:
                process_down: [notify_ops, restart_service]
                queue_stuck: [flush_queue]
              actions:
                restart_service: { timeout: 20s, delay-after: 2s, risk: high, cooldown: 1m, critical: false, approval: false }
                flush_queue: { approval: true }
              custom-actions:
                - { name: flush_queue, type: command, command: ["/usr/local/bin/flush", "--all"], env: { QUEUE: main }, timeout: 15s }
                - name: notify_ops
                  type: http
                  url: "https://hooks.example.com/selfheal"
                  headers: { Authorization: "Bearer ${HOOK_TOKEN}" }
                  body: '{"incident": "$${incident}"}'
                  timeout: 4s
              scaler: { command: ["kubectl", "scale", "deploy/api", "--replicas=4"], timeout: 60s }
              degradation: { hold-down: 2m, pin: 1, host-resources: false }
            """;

    private static final Map<String, String> ENV = Map.of("WORKER_TOKEN", "wk-s3cret-token", "HOOK_TOKEN", "hook-s3cret-token");

    private static Config parse(String yaml, Map<String, String> env) {
        return new ConfigLoader(env).parse(new StringReader(yaml), "test.yaml");
    }

    private static List<String> problemsOf(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml, Map.of())).problems().stream()
                .map(ConfigProblem::toString).toList();
    }

    @Test
    void servicesAndEveryHealingSettingAreReadIntoRecords() {
        // Given a config with every healing setting and two services
        // When it is read
        Config config = parse(FULL, ENV);

        // Then the services keep their command, environment, grace and check
        ServiceConfig worker = config.services().getFirst();
        assertThat(worker.command()).containsExactly("java", "-jar", "w.jar");
        assertThat(worker.env()).containsEntry("API_TOKEN", "wk-s3cret-token").containsEntry("MODE", "batch");
        assertThat(worker.workingDir()).contains(Path.of("/srv/worker"));
        assertThat(worker.stopGrace()).isEqualTo(Duration.ofSeconds(3));
        assertThat(worker.check()).contains(new ServiceConfig.ProcessCheck("process", Duration.ofSeconds(1), 2, 1));
        assertThat(config.services().get(1).check()).isEmpty();

        // And the healing section every value
        HealingConfig h = config.healing();
        assertThat(h.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(h.mergeWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(h.dryRun()).isTrue();
        assertThat(h.allowHighRisk()).isTrue();
        assertThat(h.verificationWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(h.verificationPoll()).isEqualTo(Duration.ofSeconds(1));
        assertThat(h.limits()).isEqualTo(new HealingConfig.Limits(2, 10, Duration.ofMinutes(10)));
        assertThat(h.retryInterrupted()).isTrue();
        assertThat(h.problemGroups()).containsEntry("payments", "integration_failure");
        assertThat(h.problemComponents()).containsEntry("db-primary", "database_issues");
        assertThat(h.mapping()).containsEntry("process_down", List.of("notify_ops", "restart_service"))
                .containsEntry("queue_stuck", List.of("flush_queue"));
        assertThat(h.actions().get("restart_service")).isEqualTo(new HealingConfig.ActionOverride(Optional.of(Duration.ofSeconds(20)),
                Optional.of(Duration.ofSeconds(2)), Optional.of("high"), Optional.of(Duration.ofMinutes(1)), Optional.of(false),
                Optional.of(false), Optional.empty()));
        assertThat(h.customActions()).containsExactly(
                new HealingConfig.CommandAction("flush_queue", List.of("/usr/local/bin/flush", "--all"), Map.of("QUEUE", "main"),
                        Optional.empty(), Duration.ofSeconds(15)),
                new HealingConfig.HttpAction("notify_ops", URI.create("https://hooks.example.com/selfheal"), "POST",
                        Map.of("Authorization", "Bearer hook-s3cret-token"), "{\"incident\": \"${incident}\"}", Duration.ofSeconds(4)));
        assertThat(h.scaler().orElseThrow().command().orElseThrow().command()).containsExactly("kubectl", "scale", "deploy/api", "--replicas=4");
        assertThat(h.degradation()).isEqualTo(new HealingConfig.Degradation(Duration.ofMinutes(2), Optional.of(1), false));
    }

    @Test
    void withoutTheSectionsTheDefaultsApply() {
        // Given a config with neither services nor healing
        Config config = parse("server: { port: 0 }\n", Map.of());

        // Then there are no services and healing has the default figures
        assertThat(config.services()).isEmpty();
        HealingConfig h = config.healing();
        assertThat(h).isEqualTo(HealingConfig.defaults());
        assertThat(h.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(h.limits()).isEqualTo(new HealingConfig.Limits(3, 20, Duration.ofMinutes(15)));
        assertThat(h.verificationWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(h.degradation().holdDown()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void everyMistakeInTheHealingSectionIsReportedWithItsKeyPathLineAndColumn() {
        // Given a healing section with a mistake on almost every line
        List<String> problems = problemsOf("""
                healing:
                  interval: soon
                  dry-run: maybe
                  max-actions: { per-component: 0, windw: 5m }
                  mapping:
                    process_down: [restart_servise]
                  actions:
                    restart_service: { risk: extreme, timeout: 0ms }
                    no_such_action: { critical: true }
                  custom-actions:
                    - { name: restart_service, type: command, command: [x] }
                    - { name: hook, type: http, url: "ftp://x" }
                    - { name: Bad-Name, type: shell }
                  scaler: { timeout: 5s }
                  degradation: { pin: 7 }
                  verfication: { window: 1s }
                """);

        // Then each is named with where it is
        assertThat(problems).containsExactlyInAnyOrder(
                "healing.interval (line 2, column 13): must be a duration like 500ms, 30s, 5m or 1h, got 'soon'",
                "healing.dry-run (line 3, column 12): must be true or false, got 'maybe'",
                "healing.max-actions.per-component (line 4, column 33): must be within 1-10000, got 0",
                "healing.max-actions.windw (line 4, column 36): unknown key 'windw'; did you mean 'window'?",
                "healing.custom-actions[0].name (line 11, column 15): 'restart_service' is a built-in action; give the custom action another name",
                "healing.custom-actions[1].url (line 12, column 38): must be an absolute http:// or https:// URL, got 'ftp://x'",
                "healing.custom-actions[2].name (line 13, column 15): action names are 1-64 lower-case letters, digits or '_', starting with a letter, got 'Bad-Name'",
                "healing.custom-actions[2].type (line 13, column 31): must be command or http, got 'shell'",
                "healing.mapping.process_down (line 6, column 19): unknown action 'restart_servise' at position 0 (did you mean 'restart_service'?);"
                        + " known actions: restart_service, restart_integration, clear_cache, scale_resources, enable_degradation,"
                        + " failover_database, clear_dead_connections, garbage_collect",
                "healing.actions.restart_service.risk (line 8, column 30): must be low, medium or high, got 'extreme'",
                "healing.actions.restart_service.timeout (line 8, column 48): must be at least 1ms, got 0ms",
                "healing.actions.no_such_action (line 9, column 21): unknown action 'no_such_action'; known actions: restart_service,"
                        + " restart_integration, clear_cache, scale_resources, enable_degradation, failover_database,"
                        + " clear_dead_connections, garbage_collect",
                "healing.scaler (line 14, column 11): the scaler needs exactly one of 'command' (argv) or 'url' (an HTTP hook), got neither",
                "healing.degradation.pin (line 15, column 23): must be within 0-4, got 7",
                "healing.verfication (line 16, column 3): unknown key 'verfication'; did you mean 'verification'?");
    }

    @Test
    void everyMistakeInTheServicesIsReportedWithItsKeyPathLineAndColumn() {
        // Given services with a missing command, a bad grace, a bad check and a name a check already has
        List<String> problems = problemsOf("""
                checks:
                  - { name: worker, type: jvm }
                services:
                  - { name: worker, command: [sleep, "9"] }
                  - { name: other, stop-grace: forever, check: { intervall: 1s } }
                  - { name: third, command: [], check: sometimes, restart: always }
                """);

        // Then each is named with where it is
        assertThat(problems).containsExactlyInAnyOrder(
                "services[0].name (line 4, column 13): duplicate name 'worker': a service's name is also its component and check name,"
                        + " first defined at checks[0] (line 2, column 5) (to watch a service with that check instead of its"
                        + " process check, set 'check: false')",
                "services[1].command (line 5, column 5): is required",
                "services[1].stop-grace (line 5, column 32): must be a duration like 500ms, 30s, 5m or 1h, got 'forever'",
                "services[1].check.intervall (line 5, column 50): unknown key 'intervall'; did you mean 'interval'?",
                "services[2].command (line 6, column 29): must name the program to run, e.g. [\"java\", \"-jar\", \"worker.jar\"]",
                "services[2].check (line 6, column 40): must be true or false, got 'sometimes'",
                "services[2].restart (line 6, column 51): unknown key 'restart'; known keys: name, command, env, working-dir, stop-grace, output, check");
    }

    @Test
    void aServiceWithoutItsProcessCheckMayBeWatchedByTheCheckOfItsNameButOnlyOnce() {
        // Given a service with 'check: false' and an HTTP check of the same name, and a second service of that name
        List<String> problems = problemsOf("""
                checks:
                  - { name: web, type: http, url: "http://127.0.0.1:8999/" }
                services:
                  - { name: web, command: [sleep, "9"], check: false }
                  - { name: web, command: [sleep, "9"], check: false }
                """);

        // Then only the second service is a problem: the first is watched by the check
        assertThat(problems).containsExactly(
                "services[1].name (line 5, column 13): duplicate name 'web': a service's name is also its component and check name,"
                        + " first defined at checks[0] (line 2, column 5)");
    }

    @Test
    void aPlaceholderOfAnHttpActionWrittenWithoutTheEscapeIsExplained() {
        // Given a hook body with ${incident} where $${incident} was meant
        List<String> problems = problemsOf("""
                healing:
                  custom-actions:
                    - { name: hook, type: http, url: "http://127.0.0.1:9/x", body: "${incident}" }
                """);

        // Then the problem says how to write it
        assertThat(problems).containsExactly("healing.custom-actions[0].body (line 3, column 68): environment variable incident is not set;"
                + " for the placeholder an http action fills in, write $${incident}");
    }

    @Test
    void theHealingExampleInTheRepositoryIsAValidConfig() {
        // Given examples/healing.yaml, which users run to watch a kill and a restart
        Config config = new ConfigLoader(Map.of()).load(Path.of("..", "examples", "healing.yaml"));

        // Then it supervises the harmless sleep with a process check
        assertThat(config.services()).singleElement().satisfies(s -> {
            assertThat(s.command()).containsExactly("sleep", "100000");
            assertThat(s.check()).isPresent();
        });
    }

    @Test
    void secretsOfServicesAndActionsAreMaskedInTheDumpAndKnownToTheMasker() {
        // Given the full config with tokens in a service's environment and a hook's header
        Config config = parse(FULL, ENV);

        // When it is dumped
        String dump = ConfigDump.yaml(config);

        // Then neither token appears, and the masker knows both
        assertThat(dump).doesNotContain("wk-s3cret-token").doesNotContain("hook-s3cret-token").contains("restart_service");
        assertThat(SecretMasker.of(config).mask("token wk-s3cret-token and hook-s3cret-token")).isEqualTo("token *** and ***");
    }

    @Test
    void theDumpNestsHealingAsTheFileDoes() {
        // Given the full config
        Config config = parse(FULL, ENV);

        // When it is dumped as a tree
        @SuppressWarnings("unchecked")
        Map<String, Object> healing = (Map<String, Object>) ConfigDump.tree(config).get("healing");

        // Then verification, limits and problem maps are nested under the file's keys, a custom action
        // says its type, the scaler is its command without a name or type, and a service without a
        // process check says so
        assertThat(healing.get("verification")).isEqualTo(Map.of("window", "30s", "poll", "1s"));
        assertThat(healing.get("max-actions")).isEqualTo(Map.of("per-component", 2, "global", 10, "window", "10m"));
        assertThat(healing).containsKeys("problems", "mapping", "actions", "custom-actions", "degradation")
                .doesNotContainKeys("verification-window", "limits", "problem-groups");
        assertThat(((java.util.List<?>) healing.get("custom-actions")).stream().<Object>map(a -> ((Map<?, ?>) a).get("type")))
                .containsExactly("command", "http");
        assertThat(healing.get("scaler")).isEqualTo(Map.of("command", java.util.List.of("kubectl", "scale", "deploy/api",
                "--replicas=4"), "timeout", "1m"));
        assertThat(((java.util.List<?>) ConfigDump.tree(config).get("services")).stream().<Object>map(s -> ((Map<?, ?>) s).get("check")))
                .contains(false);
        assertThat(ConfigDump.yaml(config)).doesNotContain("&id").doesNotContain("*id");
    }

    @Test
    void learning_settings_and_adaptive_limits_are_read_with_defaults_for_what_is_absent() {
        Config config = parse("""
                healing:
                  learning:
                    enabled: false
                    half-life: 30
                    explore: false
                    adaptive-limits:
                      quantile: 0.95
                      settle: 30m
                      metrics:
                        response-time-p95: { floor: 50, cap: 2000 }
                        error-rate: { adaptive: false, floor: 0.001, cap: 0.2 }
                """, Map.of());

        HealingConfig.Learning l = config.healing().learning();
        assertThat(l.settings().enabled()).isFalse();
        assertThat(l.settings().halfLife()).isEqualTo(30);
        assertThat(l.settings().explore()).isFalse();
        assertThat(l.adaptiveLimits().quantile()).isEqualTo(0.95);
        assertThat(l.adaptiveLimits().margin()).isEqualTo(0.25);
        assertThat(l.adaptiveLimits().settle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(l.adaptiveLimits().metrics()).containsOnlyKeys(dev.selfheal.metrics.MetricKind.RESPONSE_TIME_P95);
        assertThat(l.adaptiveLimits().metrics().get(dev.selfheal.metrics.MetricKind.RESPONSE_TIME_P95))
                .isEqualTo(new dev.selfheal.learning.AdaptiveLimitSettings.Bounds(50, 2000));

        assertThat(parse("healing: {}", Map.of()).healing().learning()).isEqualTo(HealingConfig.Learning.DEFAULT);
    }

    @Test
    void bad_learning_settings_name_the_key_and_what_is_wrong() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("""
                healing:
                  learning:
                    half-life: 0
                    explore: maybe
                    adaptive-limits:
                      window: 1h
                      settle: 2h
                      metrics:
                        latency: { floor: 1, cap: 2 }
                        error-rate: { floor: 0.01, cap: 1.5 }
                        response-time-p95: { floor: 500, cap: 100 }
                        memory: { cap: 0.9 }
                    halflife: 3
                """, Map.of()));

        assertThat(e.getMessage())
                .contains("healing.learning.half-life", "must be within 1-")
                .contains("healing.learning.explore")
                .contains("healing.learning.adaptive-limits.settle", "shorter than window")
                .contains("healing.learning.adaptive-limits.metrics.latency", "unknown metric 'latency'", "response-time-p95")
                .contains("healing.learning.adaptive-limits.metrics.error-rate.cap")
                .contains("healing.learning.adaptive-limits.metrics.response-time-p95.cap", "must be above floor")
                .contains("healing.learning.adaptive-limits.metrics.memory.floor", "is required")
                .contains("healing.learning.halflife", "half-life");
    }
}
