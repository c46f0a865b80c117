package dev.selfheal.metrics;

import dev.selfheal.anomaly.AnomalyDetector;
import dev.selfheal.anomaly.AnomalyDetectors;
import dev.selfheal.anomaly.AnomalyScore;
import dev.selfheal.engine.Problem;
import dev.selfheal.engine.Severity;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One streaming anomaly detector per measured series ({@code component/kind}); an anomaly
 * with enough confidence becomes a problem of the kind's type (a memory anomaly is
 * {@code high_memory_usage}, a latency anomaly {@code performance_degradation}), with the
 * series, the value and the score as evidence.
 *
 * <p>Memory is bounded: at most {@code maxSeries} detectors, the least recently fed is dropped
 * first (a series that comes back starts learning again). Not thread-safe; the monitor calls it
 * from its one cycle.
 */
public final class AnomalyWatch {

    private final String detector;
    private final ZoneId zone;
    private final double minScore;
    private final double minConfidence;
    private final Map<String, AnomalyDetector> detectors;
    private final ScoreListener listener;
    private long listenerFailures;

    /** Days and weekends counted in UTC; see the constructor that takes a zone. */
    public AnomalyWatch(String detector, double minScore, double minConfidence, int maxSeries) {
        this(detector, minScore, minConfidence, maxSeries, ScoreListener.NONE);
    }

    /**
     * With a listener that hears every score, anomalous or not (e.g. a {@link ScoreHistory} for the
     * console); days and weekends counted in UTC.
     */
    public AnomalyWatch(String detector, double minScore, double minConfidence, int maxSeries, ScoreListener listener) {
        this(detector, ZoneOffset.UTC, minScore, minConfidence, maxSeries, listener);
    }

    /**
     * @param zone the time zone whose days and weekends the measured series follow
     *             ({@link AnomalyDetectors#create(String, ZoneId)})
     */
    public AnomalyWatch(String detector, ZoneId zone, double minScore, double minConfidence, int maxSeries, ScoreListener listener) {
        if (!AnomalyDetectors.names().contains(detector)) {
            throw new IllegalArgumentException("unknown anomaly detector '" + detector + "'; known: " + AnomalyDetectors.names());
        }
        if (!(minScore > 0 && minScore <= 1) || !(minConfidence >= 0 && minConfidence <= 1) || maxSeries < 1) {
            throw new IllegalArgumentException("anomaly watch: min score must be in (0, 1], min confidence in [0, 1], "
                    + "max series positive: " + minScore + ", " + minConfidence + ", " + maxSeries);
        }
        this.detector = detector;
        this.zone = java.util.Objects.requireNonNull(zone, "zone");
        this.minScore = minScore;
        this.minConfidence = minConfidence;
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        this.detectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AnomalyDetector> eldest) {
                return size() > maxSeries;
            }
        };
    }

    /** The default ensemble, alarming at its own alarm level once it has finished learning; days in UTC. */
    public static AnomalyWatch defaults() {
        return new AnomalyWatch(AnomalyDetectors.DEFAULT, AnomalyDetectors.alarmLevel(), 1.0, 10_000);
    }

    /** Feeds the measurement to its series' detector; a problem when it is anomalous enough. */
    public Optional<Problem> observe(Measurement m) {
        AnomalyDetector d = detectors.computeIfAbsent(m.series(), s -> AnomalyDetectors.create(detector, zone));
        AnomalyScore score = d.update(m.at(), m.value());
        try {
            listener.scored(m, score);
        } catch (RuntimeException e) {
            listenerFailures++; // a chart's history is not worth losing a problem over
        }
        if (!score.isAnomalous(minScore, minConfidence)) {
            return Optional.empty();
        }
        Severity severity = score.score() >= 0.9 ? Severity.HIGH : Severity.MEDIUM;
        String evidence = String.format(Locale.ROOT, "anomaly on series %s: value %s, score %.2f, confidence %.2f",
                m.series(), Format.number(m.value()), score.score(), score.confidence());
        return Optional.of(new Problem(m.kind().problemType(), m.component(), severity, evidence, "anomaly", m.at()));
    }

    /** Times the score listener threw (its scores were dropped; detection went on). */
    public long listenerFailures() {
        return listenerFailures;
    }

    public int seriesCount() {
        return detectors.size();
    }
}
