package dev.selfheal.prediction;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a resource is expected to reach its limit, with a band and a confidence.
 *
 * @param method     the forecaster that made it ({@code linear}, {@code holt}, ...)
 * @param at         when it was made
 * @param level      what stands against the limit now (the fitted surviving value)
 * @param limit      the limit
 * @param expected   when the expected trajectory reaches the limit; empty when not within the
 *                   search span
 * @param earliest   when the pessimistic edge of the band (expected + 1.64 sd) reaches it
 * @param latest     when the optimistic edge (expected − 1.64 sd) reaches it; empty when it does not
 *                   within the span
 * @param confidence how sure the forecaster is that the limit is reached within the horizon
 *                   it was asked about, 0..1
 * @param heldOutError the chosen forecaster's mean absolute error on held-out recent points, as a
 *                   share of the limit; NaN when there was nothing to hold out
 */
public record Forecast(String method, Instant at, double level, double limit, Optional<Instant> expected,
                       Optional<Instant> earliest, Optional<Instant> latest, double confidence, double heldOutError) {

    public Forecast {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
    }

    /** A forecast of nothing: too little seen to say anything. */
    public static Forecast unknown(Instant at, double level, double limit) {
        return new Forecast("none", at, level, limit, Optional.empty(), Optional.empty(), Optional.empty(), 0, Double.NaN);
    }

    /** The expected time left; empty when the limit is not reached within the search span. */
    public Optional<Duration> timeToExhaustion() {
        return expected.map(e -> e.isBefore(at) ? Duration.ZERO : Duration.between(at, e));
    }

    /** Whether the expected crossing falls within {@code horizon} of when the forecast was made. */
    public boolean crossesWithin(Duration horizon) {
        return timeToExhaustion().map(t -> t.compareTo(horizon) <= 0).orElse(false);
    }

    /** The same forecast with another confidence (a check beside the forecaster's own doubted it). */
    public Forecast withConfidence(double value) {
        return new Forecast(method, at, level, limit, expected, earliest, latest, value, heldOutError);
    }

    public Forecast withHeldOutError(double error) {
        return new Forecast(method, at, level, limit, expected, earliest, latest, confidence, error);
    }
}
