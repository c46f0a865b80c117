package dev.selfheal.prediction;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a forecaster sees of one resource.
 *
 * @param recent  the latest readings at full resolution (the predictor keeps about an hour)
 * @param history means over longer buckets (minutes) reaching back days, for daily seasons
 * @param resetAt when the resource's usage is known to drop to zero next (a quota window's
 *                reset, in epoch milliseconds); empty when it has none
 */
public record Observations(Series recent, Series history, OptionalLong resetAt) {

    public Observations {
        Objects.requireNonNull(recent, "recent");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(resetAt, "resetAt");
    }

    public static Observations of(Series recent) {
        return new Observations(recent, Series.EMPTY, OptionalLong.empty());
    }

    /** What was seen before {@code millis}: the held-out part of a selection is cut off this way. */
    public Observations before(long millis) {
        return new Observations(recent.before(millis), history.before(millis), resetAt);
    }
}
