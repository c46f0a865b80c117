package dev.selfheal.server.config;

import dev.selfheal.redaction.Redaction;
import java.util.Objects;

/**
 * A value that must not be seen: a password, a token. Its {@code toString} is {@code ***}, so
 * a config record, a log line or an exception that prints it shows nothing; only
 * {@link #reveal()} gives the value, at the one place that hands it to a driver or a client.
 */
public final class Secret {

    public static final String MASK = Redaction.MASK;

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
