package dev.selfheal.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Micrometer meter gives which figure of which component.
 *
 * <ul>
 * <li>{@code RESPONSE_TIME_P95}: a {@code Timer}; its published 95th percentile
 *     ({@code publishPercentiles(0.95)}) when it has one, else the 95th percentile read off its
 *     histogram buckets ({@code publishPercentileHistogram()}). A timer with neither gives no figure.</li>
 * <li>{@code ERROR_RATE}: a counter of failures ({@code meter}) over a counter or timer of all
 *     calls ({@code totalMeter}), counted between two collections.</li>
 * <li>anything else: a {@code Gauge} (or any meter whose first measurement is the value).</li>
 * </ul>
 */
public record MeterBinding(String component, MetricKind kind, String meter, Tags tags, Optional<String> totalMeter) {

    public MeterBinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(totalMeter, "totalMeter");
        if (component == null || component.isBlank() || meter == null || meter.isBlank()) {
            throw new IllegalArgumentException("meter binding needs a component and a meter name");
        }
        if (kind == MetricKind.ERROR_RATE && totalMeter.isEmpty()) {
            throw new IllegalArgumentException("error-rate binding of '" + meter + "' needs the meter that counts all calls");
        }
    }

    public static MeterBinding of(String component, MetricKind kind, String meter, String... tags) {
        return new MeterBinding(component, kind, meter, Tags.of(tags), Optional.empty());
    }

    public static MeterBinding errorRate(String component, String failures, String total, String... tags) {
        return new MeterBinding(component, MetricKind.ERROR_RATE, failures, Tags.of(tags), Optional.of(total));
    }
}
