package dev.selfheal.integrations.http;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential for one API. Its {@link #toString()} is {@code ***}: a token never reaches a log
 * line, an exception message or an API view by accident.
 */
public final class ApiToken {

    private final String value;

    private ApiToken(String value) {
        this.value = Objects.requireNonNull(value, "token");
    }

    public static ApiToken of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an API token must not be empty");
        }
        return new ApiToken(value.strip());
    }

    /** The token in environment variable {@code variable} (e.g. {@code GITHUB_TOKEN}), if it is set and not blank. */
    public static Optional<ApiToken> fromEnvironment(Map<String, String> env, String variable) {
        String v = env.get(variable);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(new ApiToken(v.strip()));
    }

    /** The secret itself: only for the header that carries it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
