package dev.selfheal.server.config;

import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.Fallback;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardDefaults;
import dev.selfheal.resilience.budget.RetryBudgetSettings;
import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.resilience.retry.RetryStrategyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;

/**
 * Reads the {@code integrations:} section into {@link IntegrationsConfig}: {@code defaults} and one
 * mapping per integration with the settings of its guard. Every value is range-checked where it
 * is (key path, line, column); what only the whole guard can check ({@link GuardConfig} and its
 * settings records validate themselves) is reported at the integration's own key.
 */
final class IntegrationsConfigReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final List<String> MODES = List.of("consecutive_failures", "failure_rate", "slow_call_rate");
    private static final List<String> STRATEGIES = Arrays.stream(RetryStrategyKind.values()).map(RetryStrategyKind::configName).toList();
    private static final List<String> FALLBACKS = List.of("none", "last_good_value", "degrade", "outbox");

    private IntegrationsConfigReader() { }

    /**
     * @param checks   the configured checks, and
     * @param services the supervised services: their names must not be a guard's check name ({@code <name>-guard})
     */
    static IntegrationsConfig read(MappingReader m, List<CheckConfig> checks, List<ServiceConfig> services) {
        boolean withDefaults = m.bool("defaults", true);
        Map<String, GuardConfig> listed = new LinkedHashMap<>();
        for (String name : m.keys()) {
            if (name.equals("defaults")) {
                continue;
            }
            if (name.equals("seed")) {
                m.has(name);
                m.problem(name, "this key is now called 'defaults' (whether linear, github, slack and codegen are guarded by default)");
                continue;
            }
            m.has(name); // known: an integration's name
            if (!NAME.matcher(name).matches()) {
                m.problem(name, "integration names are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, got '%s'"
                        .formatted(name));
                continue;
            }
            String check = IntegrationsConfig.checkName(name);
            if (checks.stream().anyMatch(c -> c.name().equals(check)) || services.stream().anyMatch(s -> s.name().equals(check))) {
                m.problem(name, "its guard's health check is named '%s', which is already a check or service name".formatted(check));
            }
            guard(name, m.section(name)).ifPresent(g -> listed.put(name, g));
        }
        m.rejectUnknownKeys();
        if (withDefaults) {
            for (String name : GuardDefaults.defaultIntegrations()) {
                String check = IntegrationsConfig.checkName(name);
                if (!listed.containsKey(name) && checks.stream().anyMatch(c -> c.name().equals(check))) {
                    m.problemHere("the default integration %s gets a health check named '%s', which is already a check name; rename the check or set defaults: false"
                            .formatted(name, check));
                }
            }
        }
        return IntegrationsConfig.of(withDefaults, listed);
    }

    private static Optional<GuardConfig> guard(String name, MappingReader m) {
        GuardConfig.Builder b = GuardConfig.builder(name);
        GuardConfig d = GuardConfig.defaults(name);
        breaker(name, m.section("breaker")).ifPresent(b::breaker);
        retry(m.section("retry")).ifPresent(b::retry);
        retryBudget(m.section("retry-budget")).ifPresent(b::retryBudget);
        MappingReader bulkhead = m.section("bulkhead");
        int calls = bulkhead.integer("max-concurrent-calls", d.maxConcurrentCalls(), 1, 100_000);
        Duration maxWait = bulkhead.duration("max-wait", d.bulkheadMaxWait(), Duration.ZERO);
        bulkhead.rejectUnknownKeys();
        b.bulkhead(calls, maxWait);
        timeLimit(m).ifPresentOrElse(limit -> limit.ifPresentOrElse(b::timeLimit, b::noTimeLimit), () -> { });
        b.defaultDeadline(m.duration("deadline", d.defaultDeadline(), Duration.ofMillis(1)));
        MappingReader rateLimit = m.section("rate-limit");
        b.rateLimitWarnFraction(rateLimit.decimal("warn-fraction", d.rateLimitWarnFraction(), 0.001, 0.999));
        rateLimit.rejectUnknownKeys();
        fallback(name, m).ifPresent(b::fallback);
        m.rejectUnknownKeys();
        try {
            return Optional.of(b.build());
        } catch (IllegalArgumentException e) {
            m.problemHere(e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<BreakerSettings> breaker(String name, MappingReader m) {
        BreakerSettings standard = GuardDefaults.breakerFor(name);
        String mode = choice(m, "mode", MODES, "consecutive_failures");
        Duration recovery = m.duration("recovery-timeout", standard.recoveryTimeout(), Duration.ofMillis(1));
        int halfOpen = m.integer("half-open-calls", 1, 1, 1_000);
        boolean consecutive = mode.equals("consecutive_failures");
        boolean slow = mode.equals("slow_call_rate");
        onlyFor(m, "failure-threshold", consecutive, "consecutive_failures");
        int threshold = m.integer("failure-threshold", consecutive ? standard.failureThreshold() : 1, 1, 10_000);
        onlyFor(m, "window-size", !consecutive, "failure_rate or slow_call_rate");
        int window = m.integer("window-size", 20, 1, 100_000);
        onlyFor(m, "minimum-calls", !consecutive, "failure_rate or slow_call_rate");
        int minimum = m.integer("minimum-calls", window, 1, 100_000);
        onlyFor(m, "failure-rate", !consecutive, "failure_rate or slow_call_rate");
        double failureRate = m.decimal("failure-rate", slow ? 100 : 50, 0.01, 100);
        onlyFor(m, "slow-call-rate", slow, "slow_call_rate");
        double slowRate = m.decimal("slow-call-rate", slow ? 50 : 100, 0.01, 100);
        onlyFor(m, "slow-call-threshold", slow, "slow_call_rate");
        Duration slowThreshold = m.duration("slow-call-threshold", Duration.ofSeconds(5), Duration.ofMillis(1));
        m.rejectUnknownKeys();
        try {
            return Optional.of(switch (mode) {
                case "failure_rate" -> BreakerSettings.failureRate((float) failureRate, window, minimum, recovery).withHalfOpenCalls(halfOpen);
                case "slow_call_rate" -> new BreakerSettings(BreakerSettings.Mode.SLOW_CALL_RATE, 0, recovery, window, minimum,
                        (float) failureRate, (float) slowRate, slowThreshold, halfOpen);
                default -> BreakerSettings.consecutiveFailures(threshold, recovery).withHalfOpenCalls(halfOpen);
            });
        } catch (IllegalArgumentException e) {
            m.problemHere(e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<RetrySettings> retry(MappingReader m) {
        RetrySettings d = RetrySettings.defaults();
        RetrySettings.Builder b = RetrySettings.builder()
                .strategy(RetryStrategyKind.fromConfigName(choice(m, "strategy", STRATEGIES, d.strategy().configName())))
                .maxAttempts(m.integer("max-attempts", d.maxAttempts(), 1, 100))
                .initialDelay(m.duration("initial-delay", d.initialDelay(), Duration.ZERO))
                .multiplier(m.decimal("multiplier", d.multiplier(), 1, 100))
                .increment(m.duration("increment", d.increment(), Duration.ZERO))
                .maxDelay(m.duration("max-delay", d.maxDelay(), Duration.ofMillis(1)));
        MappingReader history = m.section("adaptive-history");
        b.adaptiveHistory(history.integer("max", d.adaptiveHistoryMax(), 1, 100_000), history.integer("keep", d.adaptiveHistoryKeep(), 1, 100_000));
        history.rejectUnknownKeys();
        List<Class<? extends Throwable>> also = exceptionClasses(m, "also-retry");
        List<Class<? extends Throwable>> never = exceptionClasses(m, "never-retry");
        also.forEach(c -> b.alsoRetry(c));
        never.forEach(c -> b.neverRetry(c));
        m.rejectUnknownKeys();
        try {
            return Optional.of(b.build());
        } catch (IllegalArgumentException e) {
            m.problemHere(e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<RetryBudgetSettings> retryBudget(MappingReader m) {
        RetryBudgetSettings d = RetryBudgetSettings.defaults();
        double ratio = m.decimal("ratio", d.retryRatio(), 0, 1);
        Duration window = m.duration("window", d.window(), Duration.ofSeconds(1));
        if (window.compareTo(Duration.ofHours(1)) > 0) {
            m.problem("window", "must be at most 1h, got " + Durations.format(window));
            window = d.window();
        }
        double floor = m.decimal("min-retries-per-second", d.minRetriesPerSecond(), 0, 1_000_000);
        m.rejectUnknownKeys();
        return Optional.of(new RetryBudgetSettings(ratio, window, floor));
    }

    /** {@code time-limit: 10s} or {@code time-limit: none}; empty when absent or bad. */
    private static Optional<Optional<Duration>> timeLimit(MappingReader m) {
        return m.text("time-limit").flatMap(text -> {
            if (text.strip().equalsIgnoreCase("none")) {
                return Optional.of(Optional.<Duration>empty());
            }
            Optional<Duration> d = Durations.parse(text);
            if (d.isEmpty() || d.get().isZero()) {
                m.problem("time-limit", "must be a positive duration like 500ms or 10s, or none (attempts run on the caller's thread), got '%s'".formatted(text));
                return Optional.empty();
            }
            return Optional.of(d);
        });
    }

    /**
     * {@code fallback: outbox} (a kind with its defaults) or
     * {@code fallback: { kind: outbox, capacity: 10000, warn-fraction: 0.8 }}.
     */
    private static Optional<Fallback> fallback(String name, MappingReader parent) {
        Optional<org.yaml.snakeyaml.nodes.Node> node = parent.node("fallback");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get().getNodeId() == NodeId.scalar) {
            return parent.text("fallback").flatMap(kind -> kind(parent, "fallback", kind)).map(kind -> switch (kind) {
                case "last_good_value" -> Fallback.lastGoodValue(1000, Duration.ofMinutes(10));
                case "degrade" -> Fallback.degrade(name);
                case "outbox" -> Fallback.outbox();
                default -> Fallback.none();
            });
        }
        MappingReader m = parent.section("fallback");
        String kind = m.text("kind").flatMap(k -> kind(m, "kind", k)).orElse("none");
        Fallback result = Fallback.none();
        try {
            switch (kind) {
                case "last_good_value" -> result = Fallback.lastGoodValue(m.integer("max-entries", 1000, 1, 10_000_000),
                        m.duration("max-age", Duration.ofMinutes(10), Duration.ofMillis(1)));
                case "degrade" -> result = Fallback.degrade(m.text("feature", name));
                case "outbox" -> result = new Fallback.Outbox(m.integer("capacity", 10_000, 1, 100_000_000),
                        m.decimal("warn-fraction", 0.8, 0.001, 1));
                default -> { }
            }
        } catch (IllegalArgumentException e) {
            m.problemHere(e.getMessage());
        }
        m.rejectUnknownKeys();
        return Optional.of(result);
    }

    private static Optional<String> kind(MappingReader m, String key, String text) {
        String kind = normalise(text);
        if (!FALLBACKS.contains(kind)) {
            m.problem(key, unknown("fallback", kind, FALLBACKS));
            return Optional.empty();
        }
        return Optional.of(kind);
    }

    /** One of {@code allowed} ({@code -} read as {@code _}, any case); a problem and the default otherwise. */
    private static String choice(MappingReader m, String key, List<String> allowed, String defaultValue) {
        return m.text(key).map(IntegrationsConfigReader::normalise).map(value -> {
            if (allowed.contains(value)) {
                return value;
            }
            m.problem(key, unknown(key, value, allowed));
            return defaultValue;
        }).orElse(defaultValue);
    }

    private static String unknown(String what, String value, List<String> allowed) {
        return "unknown %s '%s'%s; expected one of %s".formatted(what, value,
                Suggestions.closest(value, allowed).map(s -> " (did you mean '" + s + "'?)").orElse(""), String.join(", ", allowed));
    }

    private static String normalise(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private static void onlyFor(MappingReader m, String key, boolean applies, String modes) {
        if (!applies && m.has(key)) {
            m.problem(key, "applies only to breaker mode " + modes);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>> exceptionClasses(MappingReader m, String key) {
        List<Class<? extends Throwable>> classes = new ArrayList<>();
        List<String> names = m.textList(key);
        for (int i = 0; i < names.size(); i++) {
            String className = names.get(i).strip();
            try {
                Class<?> c = Class.forName(className, false, IntegrationsConfigReader.class.getClassLoader());
                if (Throwable.class.isAssignableFrom(c)) {
                    classes.add((Class<? extends Throwable>) c);
                } else {
                    m.problem(key, "'%s' at position %d is not an exception class".formatted(className, i));
                }
            } catch (ClassNotFoundException | LinkageError e) {
                m.problem(key, "no class named '%s' (position %d); give the fully qualified name, e.g. java.net.SocketException"
                        .formatted(className, i));
            }
        }
        return classes;
    }
}
