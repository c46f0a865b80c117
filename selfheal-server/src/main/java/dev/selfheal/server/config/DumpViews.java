package dev.selfheal.server.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.util.StdConverter;
import dev.selfheal.learning.AdaptiveLimitSettings;
import dev.selfheal.learning.LearningSettings;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.metrics.Thresholds;
import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.Fallback;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.budget.RetryBudgetSettings;
import dev.selfheal.resilience.retry.RetrySettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parts of the config whose file shape nests differently from their records, as records in
 * the file's shape for Jackson to write ({@link DumpShapes} points each part here), and the
 * converters that make them.
 */
final class DumpViews {

    private DumpViews() { }

    /** {@code healing:} as the file nests it. */
    record HealingShown(Duration interval, Duration mergeWindow, boolean dryRun, boolean allowHighRisk, Verification verification,
                        HealingConfig.Limits maxActions, boolean retryInterrupted, Problems problems,
                        Map<String, List<String>> mapping, Map<String, HealingConfig.ActionOverride> actions,
                        List<HealingConfig.CustomAction> customActions, Optional<HealingConfig.Scaler> scaler,
                        HealingConfig.Degradation degradation, HealingConfig.Patterns patterns, LearningShown learning) {

        record Verification(Duration window, Duration poll) { }

        record Problems(Map<String, String> groups, Map<String, String> components) { }

        static final class Of extends StdConverter<HealingConfig, HealingShown> {
            @Override
            public HealingShown convert(HealingConfig h) {
                return new HealingShown(h.interval(), h.mergeWindow(), h.dryRun(), h.allowHighRisk(),
                        new Verification(h.verificationWindow(), h.verificationPoll()), h.limits(), h.retryInterrupted(),
                        new Problems(h.problemGroups(), h.problemComponents()), h.mapping(), h.actions(), h.customActions(),
                        h.scaler(), h.degradation(), h.patterns(), LearningShown.of(h.learning()));
            }
        }
    }

    /** {@code healing.learning}: the plan order's settings and the adaptive limits, metrics by their keys. */
    record LearningShown(boolean enabled, double halfLife, boolean explore, int ownRecords, AdaptiveShown adaptiveLimits) {

        record AdaptiveShown(double quantile, double margin, int minSamples, Duration window, Duration settle,
                             Map<String, AdaptiveLimitSettings.Bounds> metrics) { }

        static LearningShown of(HealingConfig.Learning learning) {
            LearningSettings l = learning.settings();
            AdaptiveLimitSettings a = learning.adaptiveLimits();
            Map<String, AdaptiveLimitSettings.Bounds> metrics = new LinkedHashMap<>();
            a.metrics().forEach((kind, bounds) -> metrics.put(kind.key(), bounds));
            return new LearningShown(l.enabled(), l.halfLife(), l.explore(), l.ownRecords(),
                    new AdaptiveShown(a.quantile(), a.margin(), a.minSamples(), a.window(), a.settle(), metrics));
        }
    }

    /** One guard as {@code integrations.<name>:} spells it. */
    record GuardShown(BreakerShown breaker, RetryShown retry, RetryBudgetSettings retryBudget, Bulkhead bulkhead, String timeLimit,
                      Duration deadline, RateLimit rateLimit, Fallback fallback) {

        record Bulkhead(int maxConcurrentCalls, Duration maxWait) { }

        record RateLimit(double warnFraction) { }

        static final class Of extends StdConverter<GuardConfig, GuardShown> {
            @Override
            public GuardShown convert(GuardConfig g) {
                return new GuardShown(BreakerShown.of(g.breaker()), RetryShown.of(g.retry()), g.retryBudget(),
                        new Bulkhead(g.maxConcurrentCalls(), g.bulkheadMaxWait()),
                        g.timeLimit().map(Durations::format).orElse("none"), g.defaultDeadline(),
                        new RateLimit(g.rateLimitWarnFraction()), g.fallback());
            }
        }
    }

    /** A breaker with only the settings its mode reads. */
    record BreakerShown(String mode, Duration recoveryTimeout, int halfOpenCalls, Optional<Integer> failureThreshold,
                        Optional<Double> failureRate, Optional<Double> slowCallRate, Optional<Duration> slowCallThreshold,
                        Optional<Integer> windowSize, Optional<Integer> minimumCalls) {

        static BreakerShown of(BreakerSettings b) {
            boolean consecutive = b.mode() == BreakerSettings.Mode.CONSECUTIVE_FAILURES;
            boolean slow = b.mode() == BreakerSettings.Mode.SLOW_CALL_RATE;
            return new BreakerShown(b.mode().name().toLowerCase(Locale.ROOT), b.recoveryTimeout(), b.halfOpenCalls(),
                    only(consecutive, b.failureThreshold()), only(!consecutive, (double) b.failureRatePercent()),
                    only(slow, (double) b.slowCallRatePercent()), only(slow, b.slowCallThreshold()),
                    only(!consecutive, b.windowSize()), only(!consecutive, b.minimumCalls()));
        }

        private static <T> Optional<T> only(boolean shown, T value) {
            return shown ? Optional.of(value) : Optional.empty();
        }
    }

    record RetryShown(String strategy, int maxAttempts, Duration initialDelay, double multiplier, Duration increment,
                      Duration maxDelay, AdaptiveHistory adaptiveHistory,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> alsoRetry,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> neverRetry) {

        record AdaptiveHistory(int max, int keep) { }

        static RetryShown of(RetrySettings r) {
            return new RetryShown(r.strategy().configName(), r.maxAttempts(), r.initialDelay(), r.multiplier(), r.increment(),
                    r.maxDelay(), new AdaptiveHistory(r.adaptiveHistoryMax(), r.adaptiveHistoryKeep()),
                    r.alsoRetry().stream().map(Class::getName).toList(), r.neverRetry().stream().map(Class::getName).toList());
        }
    }

    /**
     * {@code performance:} with every key written, defaults included, so the dump shows what the
     * monitor will do; without a section it shows {@code enabled: false} and {@code jvm: false},
     * which read back as "no section". Components' limits in name order.
     */
    record PerformanceShown(boolean enabled, Duration interval, Thresholds thresholds, Map<String, Thresholds> components,
                            @JsonInclude(JsonInclude.Include.ALWAYS) Object jvm, Optional<PerformanceConfig.Prometheus> prometheus,
                            PerformanceConfig.Anomaly anomaly, PredictionShown prediction,
                            List<PredictionConfig.ResourceSpec> resources) {

        record PredictionShown(boolean enabled, Duration interval, Duration horizon, double minConfidence, int minReadings,
                               Duration persistence, Duration recentWindow) { }

        static final class Of extends StdConverter<PerformanceConfig, PerformanceShown> {
            @Override
            public PerformanceShown convert(PerformanceConfig p) {
                PredictionConfig pc = p.prediction();
                return new PerformanceShown(p.enabled(), p.interval(), p.thresholds().defaults(),
                        new TreeMap<>(p.thresholds().perComponent()), p.jvm().<Object>map(name -> name).orElse(false),
                        p.prometheus(), p.anomaly(),
                        new PredictionShown(pc.enabled(), pc.interval(), pc.horizon(), pc.minConfidence(), pc.minReadings(),
                                pc.persistence(), pc.recentWindow()),
                        pc.resources());
            }
        }
    }

    /** Every kind's limit, in the kinds' order. */
    static final class ThresholdLimits extends StdConverter<Thresholds, Map<String, Double>> {
        @Override
        public Map<String, Double> convert(Thresholds t) {
            Map<String, Double> limits = new LinkedHashMap<>();
            for (MetricKind kind : MetricKind.values()) {
                limits.put(kind.key(), t.limit(kind));
            }
            return limits;
        }
    }

    /** A set in ascending order (a set's own order would change from run to run). */
    static final class Sorted extends StdConverter<Set<Integer>, List<Integer>> {
        @Override
        public List<Integer> convert(Set<Integer> values) {
            return values.stream().sorted().toList();
        }
    }
}
