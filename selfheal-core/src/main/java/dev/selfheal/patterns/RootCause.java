package dev.selfheal.patterns;

import java.time.Instant;
import java.util.List;

/**
 * A failing component ranked as a likely root of a burst of failures, with its evidence.
 *
 * @param component      the candidate root
 * @param rank           1 for the most likely
 * @param explains       other failing components its failure can reach
 * @param failingCauses  failing components that can reach it (empty for a true root)
 * @param firstSeen      when it started failing
 */
public record RootCause(String component, int rank, List<String> explains, List<String> failingCauses, Instant firstSeen) {

    public RootCause {
        explains = List.copyOf(explains);
        failingCauses = List.copyOf(failingCauses);
    }

    /** One line: "database explains api, worker-1 (2 of 3 failing); nothing failing upstream". */
    public String evidence(int failing) {
        String what = explains.isEmpty() ? "explains no other failure" : "explains " + String.join(", ", explains);
        String up = failingCauses.isEmpty() ? "nothing failing upstream" : "downstream of failing " + String.join(", ", failingCauses);
        return "%s %s (%d of %d failing); %s".formatted(component, what, explains.size(), failing - 1, up);
    }
}
