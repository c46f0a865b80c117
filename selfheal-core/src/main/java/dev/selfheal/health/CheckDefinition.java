package dev.selfheal.health;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A registered check: what to run and how often, and how much evidence it takes to change the
 * component's status. Immutable; validated when built, with the bad value in the message.
 *
 * @param name             the component's name, unique, e.g. {@code github-api}
 * @param group            the group it counts in: {@code system}, {@code database}, {@code integrations}, …
 * @param check            what to run
 * @param interval         how often (default 30 s)
 * @param timeout          how long one run may take before it counts as failed (default 5 s)
 * @param failureThreshold consecutive failures before the component turns UNHEALTHY (default 3)
 * @param successThreshold consecutive passes before it turns HEALTHY again (default 2)
 */
public record CheckDefinition(
        String name,
        String group,
        HealthCheck check,
        Duration interval,
        Duration timeout,
        int failureThreshold,
        int successThreshold) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    public static final int DEFAULT_SUCCESS_THRESHOLD = 2;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public CheckDefinition {
        Objects.requireNonNull(check, "check");
        requireName("name", name);
        requireName("group", group);
        require(interval != null && interval.toMillis() >= 10, "interval must be at least 10ms: %s", interval);
        require(timeout != null && timeout.toMillis() >= 1, "timeout must be positive: %s", timeout);
        require(failureThreshold >= 1, "failure-threshold must be at least 1: %s", failureThreshold);
        require(successThreshold >= 1, "success-threshold must be at least 1: %s", successThreshold);
    }

    public static Builder builder(String name, HealthCheck check) {
        return new Builder(name, check);
    }

    private static void requireName(String what, String value) {
        require(value != null && NAME.matcher(value).matches(),
                "%s must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit: '%s'", what, value);
    }

    private static void require(boolean condition, String message, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(message.formatted(args));
        }
    }

    /** Builds a {@link CheckDefinition} with the defaults (interval 30 s, failure threshold 3, timeout 5 s) for what is not set. */
    public static final class Builder {
        private final String name;
        private final HealthCheck check;
        private String group = "system";
        private Duration interval = DEFAULT_INTERVAL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
        private int successThreshold = DEFAULT_SUCCESS_THRESHOLD;

        private Builder(String name, HealthCheck check) {
            this.name = name;
            this.check = check;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
            return this;
        }

        public Builder successThreshold(int successThreshold) {
            this.successThreshold = successThreshold;
            return this;
        }

        public CheckDefinition build() {
            return new CheckDefinition(name, group, check, interval, timeout, failureThreshold, successThreshold);
        }
    }
}
