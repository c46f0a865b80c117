package dev.selfheal.server.config;

import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.Fallback;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.retry.RetrySettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code integrations:} part of {@link ConfigDump}: every guard the daemon builds, in the file's shape. */
final class IntegrationsConfigDump {

    private IntegrationsConfigDump() { }

    static Map<String, Object> integrations(IntegrationsConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("defaults", config.defaultIntegrations());
        config.guards().forEach((name, guard) -> m.put(name, guard(guard)));
        return m;
    }

    static Map<String, Object> guard(GuardConfig g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("breaker", breaker(g.breaker()));
        m.put("retry", retry(g.retry()));
        m.put("retry-budget", map("ratio", g.retryBudget().retryRatio(), "window", Durations.format(g.retryBudget().window()),
                "min-retries-per-second", g.retryBudget().minRetriesPerSecond()));
        m.put("bulkhead", map("max-concurrent-calls", g.maxConcurrentCalls(), "max-wait", Durations.format(g.bulkheadMaxWait())));
        m.put("time-limit", g.timeLimit().map(Durations::format).orElse("none"));
        m.put("deadline", Durations.format(g.defaultDeadline()));
        m.put("rate-limit", map("warn-fraction", g.rateLimitWarnFraction()));
        m.put("fallback", switch (g.fallback()) {
            case Fallback.None n -> map("kind", "none");
            case Fallback.LastGoodValue l -> map("kind", "last_good_value", "max-entries", l.maxEntries(), "max-age", Durations.format(l.maxAge()));
            case Fallback.Degrade d -> map("kind", "degrade", "feature", d.feature());
            case Fallback.Outbox o -> map("kind", "outbox", "capacity", o.capacity(), "warn-fraction", o.warnFraction());
        });
        return m;
    }

    private static Map<String, Object> breaker(BreakerSettings b) {
        Map<String, Object> m = map("mode", b.mode().name().toLowerCase(Locale.ROOT),
                "recovery-timeout", Durations.format(b.recoveryTimeout()), "half-open-calls", b.halfOpenCalls());
        switch (b.mode()) {
            case CONSECUTIVE_FAILURES -> m.put("failure-threshold", b.failureThreshold());
            case FAILURE_RATE -> {
                m.put("failure-rate", (double) b.failureRatePercent());
                m.put("window-size", b.windowSize());
                m.put("minimum-calls", b.minimumCalls());
            }
            case SLOW_CALL_RATE -> {
                m.put("failure-rate", (double) b.failureRatePercent());
                m.put("slow-call-rate", (double) b.slowCallRatePercent());
                m.put("slow-call-threshold", Durations.format(b.slowCallThreshold()));
                m.put("window-size", b.windowSize());
                m.put("minimum-calls", b.minimumCalls());
            }
        }
        return m;
    }

    private static Map<String, Object> retry(RetrySettings r) {
        Map<String, Object> m = map("strategy", r.strategy().configName(), "max-attempts", r.maxAttempts(),
                "initial-delay", Durations.format(r.initialDelay()), "multiplier", r.multiplier(),
                "increment", Durations.format(r.increment()), "max-delay", Durations.format(r.maxDelay()),
                "adaptive-history", map("max", r.adaptiveHistoryMax(), "keep", r.adaptiveHistoryKeep()));
        if (!r.alsoRetry().isEmpty()) {
            m.put("also-retry", names(r.alsoRetry()));
        }
        if (!r.neverRetry().isEmpty()) {
            m.put("never-retry", names(r.neverRetry()));
        }
        return m;
    }

    private static List<String> names(List<Class<? extends Throwable>> classes) {
        return classes.stream().map(Class::getName).toList();
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
