/**
 * Recovery: the {@link dev.selfheal.recovery.RecoveryAction} plug-in point and its
 * {@link dev.selfheal.recovery.RecoveryActionCatalog}; the {@link dev.selfheal.recovery.RecoveryPlanner}
 * that orders actions by risk and track record and leaves out those in cooldown; the
 * {@link dev.selfheal.recovery.RecoveryEngine} that runs a plan under
 * {@link dev.selfheal.recovery.SafetyLimits}, journals each step before and after it runs
 * ({@link dev.selfheal.recovery.RecoveryJournal}, in memory here, JDBC in {@code selfheal-store})
 * and verifies through health that the component recovered.
 *
 * <p>{@link dev.selfheal.recovery.ActionOutcomes} is how recovery hears what learning knows:
 * the planner reads it, the engine reports verified outcomes to it. Learning (and any
 * capability above recovery that shapes plans) implements it; recovery never imports them.
 *
 * <p>Layer: response. Uses {@code health}, {@code incident.lifecycle}, {@code events} and the
 * vocabulary. The built-in actions are in {@code recovery.actions}, above this package.
 */
package dev.selfheal.recovery;
