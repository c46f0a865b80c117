package dev.selfheal.metrics;

import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemReporter;
import dev.selfheal.incident.Severity;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performance monitoring: each {@link #assess()} collects measurements from every
 * source, checks them against the component's limits, feeds them to the anomaly watch, and
 * reports problems.
 *
 * <p>A violation is reported when it starts and again when its severity gets worse, not on
 * every cycle it lasts: the incident it opened is still open, and the healing loop does not
 * need to hear the same thing every ten seconds. The number of violations standing now is what
 * the degradation score counts ({@link #violationCount()}). A source that throws costs only
 * its own figures for that cycle (logged and counted); the monitor goes on.
 */
public final class PerformanceMonitor {

    private static final Logger log = LoggerFactory.getLogger(PerformanceMonitor.class);

    private final List<MetricSource> sources;
    private final ThresholdPolicy policy;
    private final ProblemReporter reporter;
    private final InstantSource clock;
    private final Optional<AnomalyWatch> anomalies;
    private final LearnedLimits learned;
    private final Map<String, Severity> standing = new HashMap<>();
    private volatile int violationCount;
    private volatile List<Violation> lastViolations = List.of();
    private volatile Set<String> measuredComponents = Set.of();
    private volatile long sourceFailures;

    public PerformanceMonitor(List<MetricSource> sources, ThresholdPolicy policy, ProblemReporter reporter,
                              InstantSource clock, Optional<AnomalyWatch> anomalies) {
        this(sources, policy, reporter, clock, anomalies, LearnedLimits.NONE);
    }

    /** With limits learned from normal behaviour where configured ({@code learned}), the configured ones elsewhere. */
    public PerformanceMonitor(List<MetricSource> sources, ThresholdPolicy policy, ProblemReporter reporter,
                              InstantSource clock, Optional<AnomalyWatch> anomalies, LearnedLimits learned) {
        this.learned = java.util.Objects.requireNonNull(learned, "learned");
        this.sources = List.copyOf(sources);
        this.policy = policy;
        this.reporter = reporter;
        this.clock = clock;
        this.anomalies = anomalies;
    }

    /** One cycle: collect, compare, detect, report. Returns the violations standing now. */
    public synchronized List<Violation> assess() {
        Instant now = clock.instant();
        List<Violation> violations = new ArrayList<>();
        Map<String, Severity> seen = new HashMap<>();
        Set<String> measured = new HashSet<>();
        for (MetricSource source : sources) {
            for (Measurement m : collect(source, now)) {
                measured.add(m.component());
                Optional<Violation> v = Violation.of(m, learned.limitFor(m, policy.thresholdsFor(m.component()).limit(m.kind())));
                if (v.isPresent()) {
                    violations.add(v.get());
                    reportIfNewOrWorse(v.get(), seen);
                }
                anomalies.flatMap(a -> a.observe(m)).ifPresent(reporter::report);
            }
        }
        anomalies.ifPresent(a -> a.flush(now).forEach(reporter::report));
        standing.keySet().retainAll(seen.keySet());
        violationCount = violations.size();
        lastViolations = List.copyOf(violations);
        measuredComponents = Set.copyOf(measured);
        return lastViolations;
    }

    private List<Measurement> collect(MetricSource source, Instant now) {
        try {
            return source.collect(now);
        } catch (RuntimeException e) {
            sourceFailures++;
            log.warn("event=metric_source_failed source={} error=\"{}\"", source.name(), e.toString());
            return List.of();
        }
    }

    private void reportIfNewOrWorse(Violation v, Map<String, Severity> seen) {
        String series = v.measurement().series();
        seen.merge(series, v.severity(), Severity::worse);
        Severity before = standing.get(series);
        if (before == null || v.severity().compareTo(before) > 0) {
            standing.put(series, v.severity());
            Measurement m = v.measurement();
            reporter.report(new Problem(m.kind().problemType(), m.component(), v.severity(), v.evidence(), "performance", m.at()));
        }
    }

    /** Violations standing after the last cycle: what the degradation score counts. */
    public int violationCount() {
        return violationCount;
    }

    public List<Violation> lastViolations() {
        return lastViolations;
    }

    /** The worst limit {@code component} was over in the last cycle; empty when it was within all of them. */
    public Optional<Violation> standingViolation(String component) {
        return lastViolations.stream()
                .filter(v -> v.measurement().component().equals(component))
                .max(Comparator.comparing(Violation::severity));
    }

    /** Whether any source measured {@code component} in the last cycle. */
    public boolean measures(String component) {
        return measuredComponents.contains(component);
    }

    /** Times a source threw since the monitor started. */
    public long sourceFailures() {
        return sourceFailures;
    }
}
