package dev.selfheal.learning;

import dev.selfheal.metrics.MetricKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One performance limit learned from a component's normal behaviour, as it is stored and shown.
 *
 * @param limit     the limit in the metric's unit (ms for latency, a fraction for error rate)
 * @param samples   the normal readings it was learned from
 * @param learnedAt the time of the reading that last moved it
 */
public record LearnedLimit(String component, MetricKind metric, double limit, int samples, Instant learnedAt) {

    public LearnedLimit {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(learnedAt, "learnedAt");
        if (!(limit >= 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("learned limit of %s %s must be a finite number at least 0, got %s"
                    .formatted(component, metric, limit));
        }
    }
}
