package dev.selfheal.metrics;

import dev.selfheal.anomaly.AnomalyDetector;
import dev.selfheal.anomaly.AnomalyDetectors;
import dev.selfheal.anomaly.AnomalyScore;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One streaming anomaly detector per measured series ({@code component/kind}); an anomaly
 * with enough confidence becomes a problem of the kind's type (a memory anomaly is
 * {@code high_memory_usage}, a latency anomaly {@code performance_degradation}), with the
 * series, the value and the score as evidence.
 *
 * <p>With a {@code resolution} (the daemon's default is five minutes), each series is fed the
 * mean of its measurements over each interval of that length, once the interval is over, rather
 * than every measurement. The detectors' memories and windows are durations at any interval finer
 * than five minutes, but their learning period is a number of points (200: a spread needs
 * samples, not time), so a series measured every ten seconds would be judged after 33 minutes
 * instead of 17 hours; and scoring at ten seconds holds less well on NAB than at five minutes
 * (docs/anomaly.md). The price is up to one interval of delay; fast failures are what the limits
 * and the health checks are for.
 *
 * <p>Memory is bounded: at most {@code maxSeries} detectors, the least recently fed is dropped
 * first (a series that comes back starts learning again). Not thread-safe; the monitor calls it
 * from its one cycle.
 */
public final class AnomalyWatch {

    private final String detector;
    private final ZoneId zone;
    private final long resolutionMillis;
    private final double minScore;
    private final double minConfidence;
    private final Map<String, Series> detectors;
    private final ScoreListener listener;
    private long listenerFailures;
    private long evictions;

    /** Days and weekends counted in UTC; see the constructor that takes a zone. */
    public AnomalyWatch(String detector, double minScore, double minConfidence, int maxSeries) {
        this(detector, minScore, minConfidence, maxSeries, ScoreListener.NONE);
    }

    /**
     * With a listener that hears every score, anomalous or not (e.g. a {@link ScoreHistory} for the
     * console); days and weekends counted in UTC.
     */
    public AnomalyWatch(String detector, double minScore, double minConfidence, int maxSeries, ScoreListener listener) {
        this(detector, ZoneOffset.UTC, Duration.ZERO, minScore, minConfidence, maxSeries, listener);
    }

    /**
     * @param zone       the time zone whose days and weekends the measured series follow
     *                   ({@link AnomalyDetectors#create(String, ZoneId)})
     * @param resolution the interval whose mean is one point for the detectors; zero: every
     *                   measurement is a point
     */
    public AnomalyWatch(String detector, ZoneId zone, Duration resolution, double minScore, double minConfidence, int maxSeries,
            ScoreListener listener) {
        java.util.Objects.requireNonNull(resolution, "resolution");
        if (resolution.isNegative() || (!resolution.isZero() && resolution.toMillis() == 0)) {
            throw new IllegalArgumentException("anomaly watch: resolution must be zero or at least 1 ms: " + resolution);
        }
        this.resolutionMillis = resolution.toMillis();
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
            protected boolean removeEldestEntry(Map.Entry<String, Series> eldest) {
                boolean evict = size() > maxSeries;
                evictions += evict ? 1 : 0; // its detector and any interval it was filling are lost
                return evict;
            }
        };
    }

    /** The default ensemble, alarming at its own alarm level once it has finished learning; days in UTC. */
    public static AnomalyWatch defaults() {
        return new AnomalyWatch(AnomalyDetectors.DEFAULT, AnomalyDetectors.alarmLevel(), 1.0, 10_000);
    }

    /**
     * Feeds the measurement to its series' detector, or to the mean of its interval; a problem
     * when a point is anomalous enough (with a resolution: when the interval before this
     * measurement's was, at its first measurement after it).
     */
    public Optional<Problem> observe(Measurement m) {
        Series series = detectors.computeIfAbsent(m.series(),
                s -> new Series(AnomalyDetectors.create(detector, zone), m.component(), m.kind()));
        if (resolutionMillis == 0) {
            return score(series.detector, m, m.at());
        }
        if (!Double.isFinite(m.value())) {
            return Optional.empty(); // one missing reading must not spoil its interval's mean
        }
        // a clock that steps back must not score an interval twice or send the charts backwards
        long interval = Math.max(series.interval, Math.floorDiv(m.at().toEpochMilli(), resolutionMillis));
        Optional<Problem> problem = series.count > 0 && interval != series.interval
                ? scoreInterval(series, m.at())
                : Optional.empty();
        series.interval = interval;
        series.sum += m.value();
        series.count++;
        return problem;
    }

    /**
     * Scores every interval that is over but has had no measurement after it (a series that went
     * quiet: its source failed, or its query returned nothing); the monitor calls this once per
     * cycle, so no interval waits longer than one cycle past its end. Problems are dated {@code now}.
     */
    public List<Problem> flush(Instant now) {
        if (resolutionMillis == 0) {
            return List.of();
        }
        long current = Math.floorDiv(now.toEpochMilli(), resolutionMillis);
        List<Problem> problems = new ArrayList<>();
        for (Series series : detectors.values()) {
            if (series.count > 0 && series.interval < current) {
                scoreInterval(series, now).ifPresent(problems::add);
            }
        }
        return problems;
    }

    /** Scores the mean of the series' current interval, dated by the interval's start, and empties it. */
    private Optional<Problem> scoreInterval(Series series, Instant found) {
        Instant start = Instant.ofEpochMilli(series.interval * resolutionMillis);
        Optional<Problem> problem = score(series.detector,
                new Measurement(series.component, series.kind, series.sum / series.count, start), found);
        series.count = 0;
        series.sum = 0;
        return problem;
    }

    /** Scores one point; a problem, dated when it was found, when the point is anomalous enough. */
    private Optional<Problem> score(AnomalyDetector d, Measurement m, Instant found) {
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
        String value = resolutionMillis == 0 ? Format.number(m.value())
                : Format.number(m.value()) + " (mean of the " + Format.number(resolutionMillis / 1000.0) + " s from " + m.at() + ")";
        String evidence = String.format(Locale.ROOT, "anomaly on series %s: value %s, score %.2f, confidence %.2f",
                m.series(), value, score.score(), score.confidence());
        return Optional.of(new Problem(m.kind().problemType(), m.component(), severity, evidence, "anomaly", found));
    }

    /** Times the score listener threw (its scores were dropped; detection went on). */
    public long listenerFailures() {
        return listenerFailures;
    }

    public int seriesCount() {
        return detectors.size();
    }

    /** Series dropped for {@code maxSeries} (each starts learning again if it comes back). */
    public long evictions() {
        return evictions;
    }

    /** A series' detector and the measurements of its current interval. */
    private static final class Series {
        final AnomalyDetector detector;
        final String component;
        final MetricKind kind;
        long interval = Long.MIN_VALUE;
        double sum;
        int count;

        Series(AnomalyDetector detector, String component, MetricKind kind) {
            this.detector = detector;
            this.component = component;
            this.kind = kind;
        }
    }
}
