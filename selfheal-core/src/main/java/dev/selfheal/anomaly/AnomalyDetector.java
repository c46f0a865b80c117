package dev.selfheal.anomaly;

import java.time.Instant;

/**
 * A streaming anomaly detector for one metric series: it sees one point at a time, in time
 * order, and never anything ahead. Each call learns from the point and says how anomalous it
 * is. Implementations keep bounded state and do O(1) amortised work per point; they are not
 * thread-safe (one detector per series, fed by one thread at a time).
 */
public interface AnomalyDetector {

    /** Learns from the point and scores it: 0 ordinary, 1 certainly anomalous. */
    AnomalyScore update(Instant timestamp, double value);

    /** The registry name of this detector ({@code ensemble}, {@code statistical}, ...). */
    String name();
}
