/**
 * Guards around outbound calls: {@link dev.selfheal.resilience.Guard} composes
 * {@code fallback(retry(breaker(bulkhead(timeLimit(call)))))} on Resilience4j's primitives for
 * one integration, {@link dev.selfheal.resilience.GuardRegistry} keeps one per integration,
 * and the outbox parks calls an integration could not take and replays them later
 * ({@link dev.selfheal.resilience.GuardOutbox}, {@link dev.selfheal.resilience.OutboxStore} and
 * its in-memory implementation; the JDBC one is in {@code selfheal-store}). The exceptions
 * here are what a guarded call throws instead of a value.
 *
 * <p>This package is the composition; its parts sit below it in subpackages: {@code retry}
 * (strategies and what is worth retrying), {@code budget} (retry budget), {@code ratelimit}
 * (rate-limit headers) and {@code fallback} (last good values). Parts never import it.
 *
 * <p>Layer: guards. Uses the vocabulary and {@code events}. It knows nothing of health checks:
 * a guard's health is read from above by {@code health.checks.GuardHealthCheck}.
 */
package dev.selfheal.resilience;
