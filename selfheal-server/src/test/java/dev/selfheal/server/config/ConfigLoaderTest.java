package dev.selfheal.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.selfheal.health.GroupPolicy;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final String FULL = """
            server: { port: 9090, bind: 0.0.0.0 }
            store: { url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres, password: "${PGPASSWORD}", retention-days: 14 }
            health:
              max-concurrent-checks: 64
              groups: { integrations: { policy: majority }, payments: { policy: worst } }
            checks:
              - name: github-api
                type: http
                group: integrations
                url: "https://api.github.com/zen"
                interval: 30s
                timeout: 5s
                failure-threshold: 4
                success-threshold: 1
                expected-status: "200-299"
                body-contains: "zen"
                degraded-after: 800ms
                headers: { Authorization: "Bearer ${GITHUB_TOKEN}", Accept: "text/plain" }
              - { name: postgres, type: tcp, group: database, host: 127.0.0.1, port: 5432 }
              - { name: db-query, type: jdbc, url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres, password: "${PGPASSWORD:-}", query: "SELECT 1" }
              - { name: worker, type: process, pid-file: /run/worker.pid }
              - { name: backup, type: command, command: ["/usr/local/bin/check-backup", "--quick"], env: { BACKUP_TOKEN: t0ps3cret, MODE: quick }, degraded-exit-codes: [1] }
              - { name: jvm, type: jvm }
              - { name: root-disk, type: disk, path: / }
              - { name: host, type: system, cpu-load-degraded: 0.7 }
            security:
              tokens:
                - { name: otto, role: operator, token-sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }
            """;

    private static final Map<String, String> ENV = Map.of("PGPASSWORD", "pg-s3cret-pw", "GITHUB_TOKEN", "ghp_abcdef123456");

    private static Config parse(String yaml, Map<String, String> env) {
        return new ConfigLoader(env).parse(new StringReader(yaml), "test.yaml");
    }

    private static ConfigException problemsOf(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml, Map.of()));
    }

    @Test
    void aFullConfigIsReadIntoRecordsWithEveryValueAndTheDefaultsForTheRest() {
        // Given the config from the issue, with its secrets in the environment
        // When it is read
        Config config = parse(FULL, ENV);

        // Then every section has its values
        assertThat(config.server()).isEqualTo(new ServerConfig("0.0.0.0", 9090));
        assertThat(config.store().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(config.store().password()).contains(new Secret("pg-s3cret-pw"));
        assertThat(config.store().retentionDays()).isEqualTo(14);
        assertThat(config.health().maxConcurrentChecks()).isEqualTo(64);
        assertThat(config.health().groups()).containsEntry("payments", GroupPolicy.WORST)
                .containsEntry("integrations", GroupPolicy.MAJORITY).containsKeys("system", "database", "performance");
        assertThat(config.checks()).extracting(CheckConfig::name)
                .containsExactly("github-api", "postgres", "db-query", "worker", "backup", "jvm", "root-disk", "host");

        CheckConfig github = config.checks().get(0);
        assertThat(github.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(github.failureThreshold()).isEqualTo(4);
        assertThat(github.successThreshold()).isEqualTo(1);
        assertThat(github.spec()).isEqualTo(new CheckSpec.Http(URI.create("https://api.github.com/zen"), "GET",
                Map.of("Authorization", "Bearer ghp_abcdef123456", "Accept", "text/plain"), 200, 299,
                Optional.of("zen"), Optional.of(Duration.ofMillis(800))));

        // And the defaults fill the rest: the group by type, the default schedule and thresholds
        CheckConfig query = config.checks().get(2);
        assertThat(query.group()).isEqualTo("database");
        assertThat(query.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(query.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(query.failureThreshold()).isEqualTo(3);
        assertThat(query.successThreshold()).isEqualTo(2);
        assertThat(config.checks().get(5).spec()).isEqualTo(new CheckSpec.Jvm(0.85, 0.95, 0.10, 0.25));
        assertThat(config.checks().get(6).spec()).isEqualTo(new CheckSpec.Disk(Path.of("/"), 0.10, 0.05));
        assertThat(config.checks().get(7).spec()).isEqualTo(new CheckSpec.SystemLoad(0.7, 0.95, 0.85, 0.95));
        assertThat(config.checks().get(7).group()).isEqualTo("system");
    }

    @Test
    void anEmptyDefaultTurnsAnUnsetVariableIntoNoValue() {
        // Given PGPASSWORD unset and the jdbc password written as ${PGPASSWORD:-}
        Config config = parse("""
                checks:
                  - { name: db-query, type: jdbc, url: "jdbc:postgresql://127.0.0.1:5432/test", password: "${PGPASSWORD:-}" }
                  - { name: api, type: http, url: "http://${API_HOST:-localhost}:8080/health" }
                """, Map.of());

        // Then there is no password, and the default host is used
        assertThat(((CheckSpec.Jdbc) config.checks().get(0).spec()).password()).isEmpty();
        assertThat(((CheckSpec.Http) config.checks().get(1).spec()).url()).isEqualTo(URI.create("http://localhost:8080/health"));
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAnErrorNamingTheKeyPathLineAndVariable() {
        // Given GITHUB_TOKEN is not set
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(FULL, Map.of("PGPASSWORD", "x")));

        // Then the problem names where the reference is and which variable is missing
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "checks[0].headers.Authorization (line 18, column 31): environment variable GITHUB_TOKEN is not set"
                        + " (set it, or give a default: ${GITHUB_TOKEN:-default})");
    }

    @Test
    void everyProblemInTheFileIsReportedWithItsKeyPathLineAndColumn() {
        // Given a file with five different mistakes
        ConfigException e = problemsOf("""
                server: { port: 70000 }
                checks:
                  - { name: a, type: http, url: "ftp://example.com" }
                  - name: b
                    type: tcp
                    host: 127.0.0.1
                    port: 70000
                    interval: 30
                  - { name: c, type: disk }
                """);

        // Then all of them are listed, each with where it is
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "server.port (line 1, column 17): must be within 0-65535, got 70000",
                "checks[0].url (line 3, column 33): must be an absolute http:// or https:// URL, got 'ftp://example.com'",
                "checks[1].interval (line 8, column 15): must be a duration like 500ms, 30s, 5m or 1h, got '30'",
                "checks[1].port (line 7, column 11): must be within 1-65535, got 70000",
                "checks[2].path (line 9, column 5): is required");
        assertThat(e.getMessage()).startsWith("5 problems in test.yaml:");
    }

    @Test
    void anUnknownKeyIsAnErrorThatSuggestsTheClosestKnownKey() {
        ConfigException e = problemsOf("""
                server: { prot: 8080 }
                checks:
                  - { name: a, type: tcp, host: localhost, port: 1, failure-treshold: 5 }
                  - { name: b, type: jvm, colour: blue }
                """);

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "server.prot (line 1, column 11): unknown key 'prot'; did you mean 'port'?",
                "checks[0].failure-treshold (line 3, column 53): unknown key 'failure-treshold'; did you mean 'failure-threshold'?",
                "checks[1].colour (line 4, column 27): unknown key 'colour'; known keys: name, type, group, interval, timeout,"
                        + " failure-threshold, success-threshold, heap-used-degraded, heap-used-unhealthy,"
                        + " gc-overhead-degraded, gc-overhead-unhealthy");
    }

    @Test
    void anUnknownTopLevelSectionAndAnUnknownTypeAreErrorsWithSuggestions() {
        ConfigException e = problemsOf("""
                chekcs:
                  - { name: a, type: http }
                checks:
                  - { name: a, type: htp, url: "http://x" }
                """);

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "checks[0].type (line 4, column 22): unknown check type 'htp' (did you mean 'http'?);"
                        + " known types: http, tcp, jdbc, process, command, jvm, disk, system",
                "chekcs (line 1, column 1): unknown key 'chekcs'; did you mean 'checks'?");
    }

    @Test
    void duplicateCheckNamesAreErrorsThatPointToTheFirstDefinition() {
        ConfigException e = problemsOf("""
                checks:
                  - { name: api, type: tcp, host: localhost, port: 80 }
                  - { name: api, type: jvm }
                """);

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "checks[1].name (line 3, column 13): duplicate check name 'api', first defined at checks[0] (line 2, column 5)");
    }

    @Test
    void aDuplicateKeyInOneMappingIsAnError() {
        ConfigException e = problemsOf("""
                server:
                  port: 1
                  port: 2
                """);

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "server.port (line 3, column 3): duplicate key 'port' (first at line 2)");
    }

    @Test
    void typeSpecificRulesAreChecked() {
        ConfigException e = problemsOf("""
                checks:
                  - { name: p, type: process, pid-file: /run/x.pid, command-line: "java.*" }
                  - { name: q, type: process, command-line: "([" }
                  - { name: c, type: command, command: [], degraded-exit-codes: [0] }
                  - { name: h, type: http, url: "http://x", expected-status: "299-200", method: FETCH }
                  - { name: j, type: jvm, heap-used-degraded: 0.99, heap-used-unhealthy: 0.9 }
                  - { name: d, type: disk, path: /, free-ratio-degraded: 1.5 }
                  - { name: s, type: tcp, host: "", port: 1, timeout: 0ms }
                """);

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "checks[0] (line 2, column 5): a process check needs exactly one of 'pid-file' or 'command-line', got both",
                "checks[1].command-line (line 3, column 45): is not a valid regular expression: Unclosed character class near index 1",
                "checks[2].command (line 4, column 40): must name the program to run, e.g. [\"/usr/local/bin/check-backup\", \"--quick\"]",
                "checks[2].degraded-exit-codes[0] (line 4, column 66): must be within 1-255, got 0",
                "checks[3].method (line 5, column 81): must be one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, got 'FETCH'",
                "checks[3].expected-status (line 5, column 62): must be a status code or a range of them within 100-599,"
                        + " like 200 or \"200-299\", got '299-200'",
                "checks[4].heap-used-degraded (line 6, column 47): must not be above heap-used-unhealthy (0.9), got 0.99",
                "checks[5].free-ratio-degraded (line 7, column 58): must be within 0-1, got 1.5",
                "checks[6].timeout (line 8, column 55): must be at least 1ms, got 0ms",
                "checks[6].host (line 8, column 33): must not be empty");
    }

    @Test
    void invalidYamlIsReportedWithItsPlace() {
        ConfigException e = problemsOf("""
                server:
                  port: [1, 2
                """);

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().getFirst().path()).isEqualTo("yaml");
        assertThat(e.problems().getFirst().line()).isEqualTo(3);
        assertThat(e.problems().getFirst().message()).startsWith("not valid YAML:");
    }

    @Test
    void anEmptyFileAndAMissingFileAreClearErrors() {
        assertThat(problemsOf("").problems()).extracting(ConfigProblem::toString)
                .containsExactly("test.yaml: the file is empty; expected the sections server, store, health and checks");
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment().load(Path.of("/nonexistent/selfheal.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/nonexistent/selfheal.yaml: cannot read the file: it does not exist");
    }

    @Test
    void sectionsThatAreNotMappingsAreErrors() {
        ConfigException e = problemsOf("""
                server: 8080
                checks: { name: a }
                """);

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "server (line 1, column 9): must be a mapping (key: value), got a single value",
                "checks (line 2, column 9): must be a list, got a mapping (key: value)");
    }
}
