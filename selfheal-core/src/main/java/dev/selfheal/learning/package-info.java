/**
 * Learning from recovery records: per (problem type, action) outcome counts kept in an
 * {@link dev.selfheal.learning.EffectivenessStore} (in memory here, JDBC in
 * {@code selfheal-store}). {@link dev.selfheal.learning.LearningSystem} implements
 * {@code recovery.ActionOutcomes}, which is how the planner reads what was learned without
 * recovery importing learning.
 *
 * <p>Layer: learning (beside the coming {@code patterns} and {@code prediction}). Uses
 * {@code recovery} and the vocabulary.
 */
package dev.selfheal.learning;
