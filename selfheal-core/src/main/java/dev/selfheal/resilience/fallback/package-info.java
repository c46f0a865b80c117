/**
 * The "last good value" fallback: the newest successful answer of each operation, bounded and
 * aged on an injected clock.
 *
 * <p>Layer: guards, a part below {@code resilience}. Uses nothing of selfheal.
 */
package dev.selfheal.resilience.fallback;
