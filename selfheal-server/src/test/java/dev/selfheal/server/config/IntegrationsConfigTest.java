package dev.selfheal.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.Fallback;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.retry.RetryStrategyKind;
import java.io.StringReader;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntegrationsConfigTest {

    private static Config parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(new StringReader(yaml), "test.yaml");
    }

    private static List<String> problemsOf(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml)).problems().stream()
                .map(ConfigProblem::toString).toList();
    }

    @Test
    void withoutTheSectionTheFourDefaultIntegrationsAreGuardedWithTheirDefaultBreakers() {
        // Given a config that says nothing about integrations
        // When it is read
        IntegrationsConfig integrations = parse("server: { port: 0 }\n").integrations();

        // Then linear, github, slack and codegen have guards with their default breakers
        assertThat(integrations.defaultIntegrations()).isTrue();
        assertThat(integrations.listed()).isEmpty();
        assertThat(integrations.guards()).containsOnlyKeys("codegen", "github", "linear", "slack");
        assertThat(integrations.guards().get("linear").breaker()).isEqualTo(BreakerSettings.consecutiveFailures(3, Duration.ofSeconds(30)));
        assertThat(integrations.guards().get("github").breaker()).isEqualTo(BreakerSettings.consecutiveFailures(5, Duration.ofSeconds(60)));
        assertThat(integrations.guards().get("codegen").breaker()).isEqualTo(BreakerSettings.consecutiveFailures(2, Duration.ofSeconds(120)));
        assertThat(integrations.guards().get("slack")).isEqualTo(GuardConfig.defaults("slack"));
    }

    @Test
    void everyGuardSettingIsReadAndListedIntegrationsReplaceOrJoinTheDefaultOnes() {
        // Given a config that tunes github, adds a custom integration and keeps the default ones
        Config config = parse("""
                integrations:
                  github:
                    breaker: { failure-threshold: 4, recovery-timeout: 90s, half-open-calls: 2 }
                    retry:
                      strategy: adaptive
                      max-attempts: 4
                      initial-delay: 200ms
                      multiplier: 3
                      increment: 2s
                      max-delay: 30s
                      adaptive-history: { max: 60, keep: 30 }
                      also-retry: [java.lang.IllegalStateException]
                      never-retry: [java.net.SocketException]
                    retry-budget: { ratio: 0.1, window: 20s, min-retries-per-second: 0.5 }
                    bulkhead: { max-concurrent-calls: 8, max-wait: 100ms }
                    time-limit: 3s
                    deadline: 20s
                    rate-limit: { warn-fraction: 0.2 }
                    fallback: { kind: outbox, capacity: 500, warn-fraction: 0.5 }
                  payments:
                    breaker: { mode: failure-rate, failure-rate: 40, window-size: 50, minimum-calls: 10, recovery-timeout: 15s }
                    time-limit: none
                    fallback: { kind: last_good_value, max-entries: 20, max-age: 2m }
                  search:
                    breaker: { mode: slow_call_rate, slow-call-rate: 60, slow-call-threshold: 800ms, window-size: 10 }
                    fallback: degrade
                """);

        // Then github has every setting, the other default integrations keep their settings, and the new ones join
        IntegrationsConfig integrations = config.integrations();
        assertThat(integrations.listed()).containsExactly("github", "payments", "search");
        assertThat(integrations.guards()).containsOnlyKeys("codegen", "github", "linear", "slack", "payments", "search");
        GuardConfig github = integrations.guards().get("github");
        assertThat(github.breaker()).isEqualTo(BreakerSettings.consecutiveFailures(4, Duration.ofSeconds(90)).withHalfOpenCalls(2));
        assertThat(github.retry().strategy()).isEqualTo(RetryStrategyKind.ADAPTIVE);
        assertThat(github.retry().maxAttempts()).isEqualTo(4);
        assertThat(github.retry().initialDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(github.retry().multiplier()).isEqualTo(3.0);
        assertThat(github.retry().increment()).isEqualTo(Duration.ofSeconds(2));
        assertThat(github.retry().maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(github.retry().adaptiveHistoryMax()).isEqualTo(60);
        assertThat(github.retry().adaptiveHistoryKeep()).isEqualTo(30);
        assertThat(github.retry().alsoRetry()).containsExactly(IllegalStateException.class);
        assertThat(github.retry().neverRetry()).containsExactly(SocketException.class);
        assertThat(github.retry().classifier().test(new IllegalStateException("x"))).isTrue();
        assertThat(github.retry().classifier().test(new SocketException("x"))).isFalse();
        assertThat(github.retryBudget().retryRatio()).isEqualTo(0.1);
        assertThat(github.retryBudget().window()).isEqualTo(Duration.ofSeconds(20));
        assertThat(github.retryBudget().minRetriesPerSecond()).isEqualTo(0.5);
        assertThat(github.maxConcurrentCalls()).isEqualTo(8);
        assertThat(github.bulkheadMaxWait()).isEqualTo(Duration.ofMillis(100));
        assertThat(github.timeLimit()).contains(Duration.ofSeconds(3));
        assertThat(github.defaultDeadline()).isEqualTo(Duration.ofSeconds(20));
        assertThat(github.rateLimitWarnFraction()).isEqualTo(0.2);
        assertThat(github.fallback()).isEqualTo(new Fallback.Outbox(500, 0.5));

        GuardConfig payments = integrations.guards().get("payments");
        assertThat(payments.breaker()).isEqualTo(BreakerSettings.failureRate(40f, 50, 10, Duration.ofSeconds(15)));
        assertThat(payments.timeLimit()).isEqualTo(Optional.empty());
        assertThat(payments.fallback()).isEqualTo(Fallback.lastGoodValue(20, Duration.ofMinutes(2)));

        GuardConfig search = integrations.guards().get("search");
        assertThat(search.breaker().mode()).isEqualTo(BreakerSettings.Mode.SLOW_CALL_RATE);
        assertThat(search.breaker().slowCallRatePercent()).isEqualTo(60f);
        assertThat(search.breaker().slowCallThreshold()).isEqualTo(Duration.ofMillis(800));
        assertThat(search.breaker().recoveryTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(search.fallback()).isEqualTo(Fallback.degrade("search"));
        assertThat(integrations.guards().get("linear")).isEqualTo(GuardConfig.defaults("linear"));

        // And the dump (check-config --print, GET /api/config) shows them in the file's shape
        String dump = ConfigDump.yaml(config);
        assertThat(dump).contains("integrations:").contains("failure-threshold: 4").contains("strategy: adaptive")
                .contains("kind: outbox").contains("time-limit: none");
    }

    @Test
    void defaultsFalseKeepsOnlyTheListedIntegrations() {
        // Given defaults: false and one integration with defaults
        // When it is read
        IntegrationsConfig integrations = parse("""
                integrations:
                  defaults: false
                  github:
                """).integrations();

        // Then only github is guarded
        assertThat(integrations.guards()).containsOnlyKeys("github");
        assertThat(integrations.guards().get("github")).isEqualTo(GuardConfig.defaults("github"));
    }

    @Test
    void aFileWrittenForTheOldKeyNameIsToldItsNewName() {
        List<String> problems = problemsOf("""
                integrations:
                  seed: false
                """);

        assertThat(problems).containsExactly("integrations.seed (line 2, column 9): this key is now called 'defaults' "
                + "(whether linear, github, slack and codegen are guarded by default)");
    }

    @Test
    void badValuesAreReportedWithTheirKeyPathLineAndColumn() {
        // Given a section with a typo, out-of-range values, a key of the wrong breaker mode and unknown names
        List<String> problems = problemsOf("""
                integrations:
                  github:
                    breaker: { failure-treshold: 3 }
                    retry: { strategy: exponential, max-attempts: 0, also-retry: [com.example.Nope, java.lang.String] }
                    bulkhead: { max-concurrent-calls: 0 }
                    time-limit: forever
                    fallback: { kind: parking }
                  slack:
                    breaker: { mode: failure_rate, failure-threshold: 3 }
                    retry-budget: { ratio: 1.5 }
                  "bad name!": {}
                  defaults: maybe
                """);

        // Then every problem is listed, each where it is
        assertThat(problems).containsExactlyInAnyOrder(
                "integrations.github.breaker.failure-treshold (line 3, column 16): unknown key 'failure-treshold'; did you mean 'failure-threshold'?",
                "integrations.github.retry.strategy (line 4, column 24): unknown strategy 'exponential'; expected one of exponential_backoff, linear_backoff, fixed_interval, adaptive",
                "integrations.github.retry.max-attempts (line 4, column 51): must be within 1-100, got 0",
                "integrations.github.retry.also-retry (line 4, column 66): no class named 'com.example.Nope' (position 0); give the fully qualified name, e.g. java.net.SocketException",
                "integrations.github.retry.also-retry (line 4, column 66): 'java.lang.String' at position 1 is not an exception class",
                "integrations.github.bulkhead.max-concurrent-calls (line 5, column 39): must be within 1-100000, got 0",
                "integrations.github.time-limit (line 6, column 17): must be a positive duration like 500ms or 10s, or none (attempts run on the caller's thread), got 'forever'",
                "integrations.github.fallback.kind (line 7, column 23): unknown fallback 'parking'; expected one of none, last_good_value, degrade, outbox",
                "integrations.slack.breaker.failure-threshold (line 9, column 55): applies only to breaker mode consecutive_failures",
                "integrations.slack.retry-budget.ratio (line 10, column 28): must be within 0-1, got 1.5",
                "integrations.bad name! (line 11, column 16): integration names are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, got 'bad name!'",
                "integrations.defaults (line 12, column 13): must be true or false, got 'maybe'");
    }

    @Test
    void aGuardCheckNameThatIsAlreadyACheckIsAnError() {
        // Given a check named like the guard check of a listed integration
        List<String> problems = problemsOf("""
                checks:
                  - { name: github-guard, type: tcp, host: 127.0.0.1, port: 1 }
                integrations:
                  github: { deadline: 5s }
                """);

        // Then the clash is reported at the integration
        assertThat(problems).containsExactly(
                "integrations.github (line 4, column 11): its guard's health check is named 'github-guard', which is already a check or service name");
    }

    @Test
    void aMisspeltTopLevelSectionIsSuggested() {
        // Given "integration:" instead of "integrations:"
        List<String> problems = problemsOf("integration: { github: {} }\n");

        // Then the loader suggests the right name
        assertThat(problems).containsExactly("integration (line 1, column 1): unknown key 'integration'; did you mean 'integrations'?");
    }
}
