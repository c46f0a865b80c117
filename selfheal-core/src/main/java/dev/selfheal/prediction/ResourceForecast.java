package dev.selfheal.prediction;

import dev.selfheal.time.HumanDuration;
import java.time.Duration;
import java.util.Objects;

/**
 * The latest forecast of one resource, as the API shows it.
 *
 * @param resource the resource
 * @param used     the latest reading
 * @param limit    its limit
 * @param readings how many readings the forecast stands on (since the start or the last release)
 * @param forecast the forecast
 * @param warning  whether it raised (or keeps standing) a predicted exhaustion
 */
public record ResourceForecast(Resource resource, double used, double limit, int readings, Forecast forecast, boolean warning) {

    public ResourceForecast {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(forecast, "forecast");
    }

    /** "heap of github-sim will be exhausted in about 4 min (2 min to 7 min, confidence 0.93, holt)". */
    public String describe() {
        String when = forecast.timeToExhaustion().map(HumanDuration::about).orElse("not within " + "the forecast span");
        String band = forecast.earliest().map(e -> HumanDuration.about(Duration.between(forecast.at(), e))).orElse("?")
                + " to " + forecast.latest().map(l -> HumanDuration.about(Duration.between(forecast.at(), l))).orElse("later");
        return "%s of %s will be exhausted in %s (%s, confidence %.2f, %s; %.4g of %.4g used)".formatted(resource.name(),
                resource.component(), when, band, forecast.confidence(), forecast.method(), used, limit);
    }
}
