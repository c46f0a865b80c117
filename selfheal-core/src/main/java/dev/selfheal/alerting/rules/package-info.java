/**
 * The rules that decide whether and how loud an alert is: silences, recurring maintenance
 * windows (cron), severity and urgency rules, business hours, flap detection, and the
 * dependency graph that inhibits downstream symptoms of an upstream failure.
 *
 * <p>Layer: response, a part of {@code alerting}. Uses the alert vocabulary in
 * {@code alerting}, {@code events} and the vocabulary.
 */
package dev.selfheal.alerting.rules;
