/**
 * The retry budget: over a sliding window, retries may not exceed a share of the calls plus a
 * small reserve, so that a failing integration is not hammered by every caller's retries.
 *
 * <p>Layer: guards, a part below {@code resilience}. Uses nothing of selfheal (time comes in as an
 * injected nano clock).
 */
package dev.selfheal.resilience.budget;
