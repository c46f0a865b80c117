/**
 * Health checking: the {@link dev.selfheal.health.HealthCheck} plug-in point, the
 * {@link dev.selfheal.health.HealthCheckManager} that runs registered checks on their
 * schedules with timeouts, damps their results into component statuses (failure and success
 * thresholds) and aggregates groups into a {@link dev.selfheal.health.HealthReport}, and
 * publishes what changed.
 *
 * <p>Built-in checks are in {@code health.checks}; the kept history of results and status
 * changes in {@code health.history}. Both sit above this package and use it.
 *
 * <p>Layer: detection. Uses the vocabulary ({@code status} for results) and {@code events}.
 */
package dev.selfheal.health;
