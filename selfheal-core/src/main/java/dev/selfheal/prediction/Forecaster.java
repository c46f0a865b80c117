package dev.selfheal.prediction;

import java.util.Optional;

/**
 * Fits a {@link Trajectory} to what was seen of a resource. Empty when the forecaster does not
 * apply (too few points, no season in the history, no drops in a would-be sawtooth). Pure:
 * no state between calls, so a selector may fit it on a prefix and again on everything.
 */
public interface Forecaster {

    /** A short name for evidence and the API, e.g. {@code linear}. */
    String name();

    Optional<Trajectory> fit(Observations seen);
}
