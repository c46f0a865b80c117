package dev.selfheal.events;

import dev.selfheal.incident.Problem;
import java.time.Instant;

/** A detector reported a problem; the orchestrator merges it into an incident. */
public record ProblemReported(Problem problem) implements SelfHealEvent {

    @Override
    public Instant at() {
        return problem.at();
    }
}
