/**
 * Streaming anomaly detectors over one metric series each: a score per point and an alarm
 * when a series leaves its normal behaviour. {@code metrics.AnomalyWatch} feeds them.
 *
 * <p>Layer: detection. Uses nothing of selfheal.
 */
package dev.selfheal.anomaly;
