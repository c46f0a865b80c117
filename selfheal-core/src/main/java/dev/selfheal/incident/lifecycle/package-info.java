/**
 * The incident lifecycle: {@link dev.selfheal.incident.lifecycle.IncidentManager} merges the
 * problems reported on one component within a window into one incident, moves it through
 * open → mitigating → resolved | escalated along the legal transitions only, keeps it in the
 * {@link dev.selfheal.incident.IncidentStore} and publishes each change as an event.
 *
 * <p>Layer: guards (just above events, beside resilience). Uses {@code incident} and
 * {@code events}.
 */
package dev.selfheal.incident.lifecycle;
