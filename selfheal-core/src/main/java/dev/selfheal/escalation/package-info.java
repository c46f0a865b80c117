/**
 * Escalation: when an alert reaches a person and stays unacknowledged and unresolved, its
 * {@link dev.selfheal.escalation.EscalationPolicy} runs level after level (notify the on-call
 * person of an {@link dev.selfheal.escalation.OnCallSchedule}, start emergency recovery, shut
 * the service down to maintenance mode) until someone acknowledges.
 *
 * <p>Layer: response, above {@code alerting} and {@code degradation}, which it acts through.
 */
package dev.selfheal.escalation;
