/**
 * Who gets told: the route tree (as in Alertmanager), receivers with their channel, rate limit
 * and fallback receiver, and the {@link dev.selfheal.alerting.routing.Dispatcher} that sends
 * each notification through its receiver's guard.
 *
 * <p>Layer: response, a part of {@code alerting}. Uses the alert vocabulary in
 * {@code alerting}, {@code resilience} and {@code time}.
 */
package dev.selfheal.alerting.routing;
