package dev.selfheal.patterns;

import java.time.Instant;
import java.util.Objects;

/**
 * One failure of one component as pattern analysis sees it: where it started and what kind it
 * was. Built from problems, incidents and alerts; the start is when it was detected.
 *
 * @param component the failing component
 * @param type      the problem type's name ({@code integration_failure}, …)
 * @param start     when the failure was first seen
 */
public record FailureEvent(String component, String type, Instant start) {

    public FailureEvent {
        if (component == null || component.isBlank()) {
            throw new IllegalArgumentException("failure event component must not be blank");
        }
        type = type == null || type.isBlank() ? "unknown" : type;
        Objects.requireNonNull(start, "failure event start");
    }
}
