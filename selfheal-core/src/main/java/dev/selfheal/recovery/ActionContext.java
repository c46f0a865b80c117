package dev.selfheal.recovery;

import dev.selfheal.incident.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an action is asked to act on.
 *
 * @param incidentId the incident being worked
 * @param component  the incident's component
 * @param problems   the incident's problems, oldest first
 * @param at         when the step started
 */
public record ActionContext(String incidentId, String component, List<Problem> problems, Instant at) {

    public ActionContext {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(component, "component");
        problems = List.copyOf(problems);
        Objects.requireNonNull(at, "at");
    }

    /** A context with no incident behind it (tests, manual runs). */
    public static ActionContext manual(String component, Instant at) {
        return new ActionContext("manual", component, List.of(), at);
    }
}
