package dev.selfheal.recovery;

import java.time.Duration;
import java.util.List;

/**
 * The steps chosen for an incident, in order, and why others were left out.
 *
 * @param steps             what will run, in order (see {@link RecoveryPlanner}), each saying why it is there
 * @param skipped           one line per action left out, with the reason
 * @param estimatedDuration the sum of the steps' expected durations and delays
 * @param overallRisk       the highest risk of any step
 */
public record RecoveryPlan(String incidentId, String component, List<PlannedStep> steps, List<String> skipped,
                           Duration estimatedDuration, Risk overallRisk) {

    public RecoveryPlan {
        steps = List.copyOf(steps);
        skipped = List.copyOf(skipped);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public String summary() {
        String names = steps.isEmpty() ? "no steps" : String.join(" -> ", steps.stream().map(PlannedStep::toString).toList());
        List<String> why = steps.stream().filter(s -> !s.why().isEmpty()).map(PlannedStep::why).toList();
        return "plan: %s; estimated %ss, risk %s%s%s".formatted(names, estimatedDuration.toSeconds(), overallRisk,
                why.isEmpty() ? "" : "; why: " + String.join("; ", why),
                skipped.isEmpty() ? "" : "; skipped: " + String.join("; ", skipped));
    }
}
