package dev.selfheal.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * Something wrong with one component, as a detector saw it.
 *
 * @param type      what kind of problem (picks the catalog's actions)
 * @param component the component it is about, e.g. {@code github-api} or {@code worker-1}
 * @param severity  how bad
 * @param evidence  one human-readable line saying what was seen
 * @param source    who reported it: {@code health}, {@code breaker}, {@code anomaly}, {@code alertmanager}, …
 * @param at        when it was detected
 */
public record Problem(ProblemType type, String component, Severity severity, String evidence, String source, Instant at) {

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        if (component == null || component.isBlank()) {
            throw new IllegalArgumentException("problem component must not be blank");
        }
        evidence = evidence == null ? "" : evidence;
        source = source == null || source.isBlank() ? "unknown" : source;
    }
}
