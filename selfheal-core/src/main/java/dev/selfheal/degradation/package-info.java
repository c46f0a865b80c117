/**
 * Graceful degradation: {@link dev.selfheal.degradation.DegradationManager} computes a level
 * from 0 (full service) to 4 (maintenance mode) from health, performance violations and
 * resource pressure, with hysteresis, and switches the
 * {@link dev.selfheal.degradation.FeatureToggles} a service consults before optional work.
 *
 * <p>Layer: response. Uses {@code health}, {@code events} and the vocabulary.
 */
package dev.selfheal.degradation;
