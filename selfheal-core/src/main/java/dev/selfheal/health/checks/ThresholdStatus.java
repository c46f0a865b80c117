package dev.selfheal.health.checks;

import dev.selfheal.status.HealthStatus;
import java.util.List;
import java.util.Locale;

/** Turns a reading and its two thresholds into a status, noting why when it is not HEALTHY. */
final class ThresholdStatus {

    private ThresholdStatus() { }

    /** For "used" readings: above {@code unhealthy} is UNHEALTHY, above {@code degraded} DEGRADED. */
    static HealthStatus above(String what, double value, double degraded, double unhealthy, List<String> problems) {
        if (value > unhealthy) {
            problems.add(what + " " + percent(value) + " above " + percent(unhealthy));
            return HealthStatus.UNHEALTHY;
        }
        if (value > degraded) {
            problems.add(what + " " + percent(value) + " above " + percent(degraded));
            return HealthStatus.DEGRADED;
        }
        return HealthStatus.HEALTHY;
    }

    /** For "free" readings: below {@code unhealthy} is UNHEALTHY, below {@code degraded} DEGRADED. */
    static HealthStatus below(String what, double value, double degraded, double unhealthy, List<String> problems) {
        if (value < unhealthy) {
            problems.add(what + " " + percent(value) + " below " + percent(unhealthy));
            return HealthStatus.UNHEALTHY;
        }
        if (value < degraded) {
            problems.add(what + " " + percent(value) + " below " + percent(degraded));
            return HealthStatus.DEGRADED;
        }
        return HealthStatus.HEALTHY;
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }
}
