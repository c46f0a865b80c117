package dev.selfheal.resilience.retry;

import java.util.Arrays;
import java.util.Locale;

/** The four retry strategies, by their config names. */
public enum RetryStrategyKind {
    EXPONENTIAL_BACKOFF,
    LINEAR_BACKOFF,
    FIXED_INTERVAL,
    ADAPTIVE;

    /** The config name, e.g. {@code exponential_backoff}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config name; the error lists the accepted names. */
    public static RetryStrategyKind fromConfigName(String name) {
        for (RetryStrategyKind kind : values()) {
            if (kind.configName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown retry strategy '%s'; expected one of %s".formatted(name,
                Arrays.stream(values()).map(RetryStrategyKind::configName).toList()));
    }
}
