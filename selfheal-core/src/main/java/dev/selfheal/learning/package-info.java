/**
 * Learning from recovery. Every run the engine ends becomes a durable
 * {@link dev.selfheal.learning.RecoveryRecord} (the situation, the plan, each step's outcome,
 * whether recovery was verified and how long it took) in a
 * {@link dev.selfheal.learning.RecoveryRecordStore} (in memory here, JDBC in
 * {@code selfheal-store}); records are what the rest learns from. Per (problem type, action)
 * outcome counts are kept in an {@link dev.selfheal.learning.EffectivenessStore}.
 * {@link dev.selfheal.learning.LearningSystem} implements {@code recovery.ActionOutcomes}, which
 * is how the engine reports runs and the planner reads what was learned without recovery
 * importing learning.
 *
 * <p>Layer: learning (beside {@code patterns} and {@code prediction}). Uses {@code recovery},
 * {@code health} (a component's kind and who else is unhealthy) and the vocabulary.
 */
package dev.selfheal.learning;
