/**
 * What health looked like before now: {@link dev.selfheal.health.history.HistoryRecorder}
 * writes check results and status transitions from the event bus into a
 * {@link dev.selfheal.health.history.HealthHistoryStore} off the checks' path, and
 * {@link dev.selfheal.health.history.RetentionTask} purges old raw results. The in-memory store
 * is here; the JDBC one is in {@code selfheal-store}.
 *
 * <p>Layer: detection. Uses the vocabulary and {@code events}.
 */
package dev.selfheal.health.history;
