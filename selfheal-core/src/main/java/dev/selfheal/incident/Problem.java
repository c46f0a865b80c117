package dev.selfheal.incident;

import java.time.Instant;
import java.util.Map;
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
 * @param labels    the reporter's own labels (an Alertmanager alert's), carried onto the incident's
 *                  alert for routes and silences; stored with the incident's problem
 */
public record Problem(ProblemType type, String component, Severity severity, String evidence, String source, Instant at,
                      Map<String, String> labels) {

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        if (component == null || component.isBlank()) {
            throw new IllegalArgumentException("problem component must not be blank");
        }
        evidence = evidence == null ? "" : evidence;
        source = source == null || source.isBlank() ? "unknown" : source;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A problem without labels of its own (every source but an external alert). */
    public Problem(ProblemType type, String component, Severity severity, String evidence, String source, Instant at) {
        this(type, component, severity, evidence, source, at, Map.of());
    }
}
