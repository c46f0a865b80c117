package dev.selfheal.metrics;

import dev.selfheal.incident.Severity;

/**
 * A measurement over its limit, with a severity graded by how far over it is.
 *
 * <p>How far is measured so that it means the same for every kind: for a count or a duration,
 * the excess as a share of the limit (150 ms against 100 ms is 0.5 over); for a fraction, the
 * excess as a share of the headroom the limit left (CPU at 90 % against 80 % has used half of
 * the remaining 20 %, so 0.5 over; at 100 % it is 1.0 over, as bad as it gets). Grades: below
 * 0.25 LOW, below 0.5 MEDIUM, below 1 HIGH, else CRITICAL.
 */
public record Violation(Measurement measurement, double limit, double over, Severity severity) {

    /** The violation of this measurement against this limit, if it is over it. */
    public static java.util.Optional<Violation> of(Measurement measurement, double limit) {
        double value = measurement.value();
        if (!(value > limit)) {
            return java.util.Optional.empty();
        }
        double over = measurement.kind().isFraction()
                ? (value - limit) / (1 - limit)
                : (value - limit) / limit;
        return java.util.Optional.of(new Violation(measurement, limit, over, grade(over)));
    }

    static Severity grade(double over) {
        if (over < 0.25) {
            return Severity.LOW;
        }
        if (over < 0.5) {
            return Severity.MEDIUM;
        }
        if (over < 1.0) {
            return Severity.HIGH;
        }
        return Severity.CRITICAL;
    }

    /** One line for a person: {@code checkout response-time-p95 140 over limit 100 (0.40 over)}. */
    public String evidence() {
        return String.format(java.util.Locale.ROOT, "%s %s %s over limit %s (%.2f over)", measurement.component(),
                measurement.kind().key(), Format.number(measurement.value()), Format.number(limit), over);
    }
}
