/**
 * Failure patterns found in the history of failures: when a component keeps failing at the
 * same hour ({@link dev.selfheal.patterns.TemporalPatternFinder}), which component's failures
 * are followed by another's more often than chance ({@link dev.selfheal.patterns.PrecedenceLearner}),
 * which failing component is the likely root of a burst ({@link dev.selfheal.patterns.RootCauseRanker}),
 * and which failures co-occur without a known dependency (correlations, with support and lift).
 *
 * <p>Every finding is judged against chance with a stated test (binomial upper tail) and the
 * false-discovery rate over all candidates is held with Benjamini-Hochberg, so that a pattern is
 * reported because its count is improbable under the component's own base rate, not because it
 * crossed a fixed count.
 *
 * <p>Layer: learning. Uses only the vocabulary ({@code incident}, {@code time}); knows nothing of
 * stores or servers: history comes in as {@link dev.selfheal.patterns.FailureEvent} values.
 */
package dev.selfheal.patterns;
