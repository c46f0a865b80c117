/**
 * Performance monitoring: {@link dev.selfheal.metrics.MetricSource}s (JVM and OS, Micrometer
 * meters), {@link dev.selfheal.metrics.PerformanceMonitor} that holds measurements against
 * thresholds with severities and reports problems, and
 * {@link dev.selfheal.metrics.AnomalyWatch} that feeds series to the anomaly detectors.
 *
 * <p>Layer: detection. Uses the vocabulary ({@code incident} for problems) and {@code anomaly}.
 */
package dev.selfheal.metrics;
