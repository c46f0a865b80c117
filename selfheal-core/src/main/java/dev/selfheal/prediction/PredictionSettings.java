package dev.selfheal.prediction;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;

/**
 * How the predictor reads and judges.
 *
 * @param interval      how often every resource is read and forecast
 * @param horizon       a problem is raised when the limit is expected within this time
 * @param minConfidence ... and the forecast is at least this sure of it (0..1)
 * @param minReadings   no forecast is trusted before this many readings since the start or a release
 * @param recentWindow  how much full-resolution history the trend forecasters see
 * @param bucket        the length of one point of the long history
 * @param history       how far back the long history reaches (days, for daily seasons)
 * @param persistence   a warning is raised only when the forecast has crossed, confidently, on
 *                      every cycle for at least this long (zero: on the first such cycle)
 * @param persistenceShare ... but never longer than this share of the time the forecast says is
 *                      left (1: the fixed persistence alone, unless the limit is nearer than it)
 */
public record PredictionSettings(Duration interval, Duration horizon, double minConfidence, int minReadings,
                                 Duration recentWindow, Duration bucket, Duration history, Duration persistence,
                                 double persistenceShare) {

    public PredictionSettings {
        DurationChecks.positive(interval, "prediction.interval");
        DurationChecks.positive(horizon, "prediction.horizon");
        DurationChecks.positive(recentWindow, "prediction.recent-window");
        DurationChecks.positive(bucket, "prediction.bucket");
        DurationChecks.positive(history, "prediction.history");
        if (persistence == null || persistence.isNegative()) {
            throw new IllegalArgumentException("prediction.persistence must be zero or positive, got " + persistence);
        }
        if (!(persistenceShare >= 0 && persistenceShare <= 1)) {
            throw new IllegalArgumentException("prediction.persistence-share must be in [0, 1], got " + persistenceShare);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("prediction.min-confidence must be in [0, 1], got " + minConfidence);
        }
        if (minReadings < 8) {
            throw new IllegalArgumentException("prediction.min-readings must be at least 8, got " + minReadings);
        }
    }

    /** The default {@link #persistenceShare}. */
    public static final double PERSISTENCE_SHARE = 0.5;

    /**
     * Every 10 s; a 30-minute horizon at 0.95 confidence; 6 minutes of readings first (a GC
     * sawtooth of a few minutes shows its drops before its first climb is taken for a leak);
     * an hour recent, 3 days of 5-minute means; a crossing that holds for 2 minutes (a burst of
     * work that stops soon is not taken for a leak, and 2 minutes is small against the horizon).
     */
    public static PredictionSettings defaults() {
        return new PredictionSettings(Duration.ofSeconds(10), Duration.ofMinutes(30), 0.95, 36,
                Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(3), Duration.ofMinutes(2), PERSISTENCE_SHARE);
    }

    public PredictionSettings withInterval(Duration value) {
        return new PredictionSettings(value, horizon, minConfidence, minReadings, recentWindow, bucket, history, persistence, persistenceShare);
    }

    public PredictionSettings withHorizon(Duration value) {
        return new PredictionSettings(interval, value, minConfidence, minReadings, recentWindow, bucket, history, persistence, persistenceShare);
    }

    public PredictionSettings withMinConfidence(double value) {
        return new PredictionSettings(interval, horizon, value, minReadings, recentWindow, bucket, history, persistence, persistenceShare);
    }

    public PredictionSettings withMinReadings(int value) {
        return new PredictionSettings(interval, horizon, minConfidence, value, recentWindow, bucket, history, persistence, persistenceShare);
    }

    public PredictionSettings withRecentWindow(Duration value) {
        return new PredictionSettings(interval, horizon, minConfidence, minReadings, value, bucket, history, persistence, persistenceShare);
    }

    public PredictionSettings withPersistenceShare(double value) {
        return new PredictionSettings(interval, horizon, minConfidence, minReadings, recentWindow, bucket, history, persistence, value);
    }

    public PredictionSettings withPersistence(Duration value) {
        return new PredictionSettings(interval, horizon, minConfidence, minReadings, recentWindow, bucket, history, value, persistenceShare);
    }

    /** How far the crossing is looked for: four horizons, so the API can say "in about 2 h" before it matters. */
    public Duration span() {
        return horizon.multipliedBy(4);
    }
}
