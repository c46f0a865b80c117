package dev.selfheal.metrics;

import dev.selfheal.anomaly.AnomalyScore;

/**
 * Hears every score the {@link AnomalyWatch} gives, anomalous or not, e.g. to keep a recent
 * history for a chart ({@link ScoreHistory}). Called on the monitor's cycle thread; it must be
 * quick and must not throw (the watch catches and drops what it throws).
 */
@FunctionalInterface
public interface ScoreListener {

    /** Hears nothing. */
    ScoreListener NONE = (measurement, score) -> { };

    void scored(Measurement measurement, AnomalyScore score);
}
