/**
 * The states things report: {@link dev.selfheal.status.HealthStatus} (of a check, a component,
 * a group), {@link dev.selfheal.status.HealthCheckResult} (what one run of a check found) and
 * {@link dev.selfheal.status.BreakerState} (an integration's circuit breaker).
 *
 * <p>They sit here, below {@code events}, because events carry them; the capabilities that
 * produce them ({@code health}, {@code resilience}) sit above the events they publish.
 *
 * <p>Layer: vocabulary, the bottom. Uses nothing of selfheal.
 */
package dev.selfheal.status;
