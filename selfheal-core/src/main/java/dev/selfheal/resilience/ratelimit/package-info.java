/**
 * Rate limits as integrations report them: reading {@code Retry-After} and
 * {@code X-RateLimit-*} headers, and tracking how close an integration is to its limit.
 *
 * <p>Layer: guards, a part below {@code resilience}. Uses nothing of selfheal.
 */
package dev.selfheal.resilience.ratelimit;
