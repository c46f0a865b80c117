/**
 * Predictive prevention: forecasts of when a resource with a limit (heap, memory, disk, a
 * rate-limit quota, a queue) will run out, with an uncertainty band and a confidence, and the
 * predictor that turns a confident forecast into a {@code predicted_exhaustion} problem early
 * enough for a preventive action to run while the service keeps serving.
 *
 * <p>Forecasters ({@link dev.selfheal.prediction.Forecaster}) fit a {@link
 * dev.selfheal.prediction.Trajectory} to a resource's recent and long history: a robust linear
 * trend (Theil-Sen), Holt's double exponential smoothing, a daily season, a sawtooth (GC, log
 * rotation: what survives the drop) and a quota window that resets. {@link
 * dev.selfheal.prediction.ForecastSelector} picks one per resource by its error on held-out
 * recent points, and {@link dev.selfheal.prediction.Exhaustion} reads the crossing of the limit
 * off the chosen trajectory.
 *
 * <p>Layer: learning. Uses incident (problems), recovery (standing conditions), time.
 */
package dev.selfheal.prediction;
