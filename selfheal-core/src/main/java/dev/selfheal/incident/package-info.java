/**
 * The vocabulary of what goes wrong: a {@link dev.selfheal.incident.Problem} (type, component,
 * severity, evidence) that a detector reports through a
 * {@link dev.selfheal.incident.ProblemReporter}, and the {@link dev.selfheal.incident.Incident}
 * that merges a component's problems, with its {@link dev.selfheal.incident.IncidentState} and
 * timeline. Also where incidents are kept: the {@link dev.selfheal.incident.IncidentStore}
 * interface and its in-memory implementation (the JDBC one is in {@code selfheal-store}).
 *
 * <p>Values only: nothing here publishes or schedules. The lifecycle that opens, merges and
 * resolves incidents is {@code incident.lifecycle}, above {@code events}, because it publishes
 * events that carry these values.
 *
 * <p>Layer: vocabulary, the bottom. Uses nothing of selfheal.
 */
package dev.selfheal.incident;
