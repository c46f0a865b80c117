package dev.selfheal.server.config;

import java.time.Duration;

/**
 * One configured check: its name, schedule and damping, and what it looks at.
 *
 * @param location where it was defined, e.g. {@code checks[2]} at line 14, for errors found
 *                 later (a check that cannot be built when the daemon starts)
 */
public record CheckConfig(
        String name,
        String group,
        Duration interval,
        Duration timeout,
        int failureThreshold,
        int successThreshold,
        CheckSpec spec,
        Location location) {

    public String type() {
        return spec.type();
    }

    /** Where something was defined in the config file. */
    public record Location(String path, int line, int column) {
        @Override
        public String toString() {
            return "%s (line %d, column %d)".formatted(path, line, column);
        }
    }
}
