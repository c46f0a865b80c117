package dev.selfheal.bench.learn;

import dev.selfheal.recovery.Risk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated world whose answers are known: components of several kinds, fault types, and for
 * each (fault type, kind, action) the hidden chance that the action fixes the fault and how long
 * it then takes. Changes switch some odds part-way through the run. Read from YAML by
 * {@link WorldFile}; docs/learning.md says every key.
 *
 * @param incidents          how many incidents a run has (the bench's {@code --incidents} overrides it)
 * @param train              the share of incidents before judging starts
 * @param escalationCost     what an incident no action fixed costs on top (a person is paged and fixes it)
 * @param noise              durations vary uniformly by ± this share
 * @param verificationWindow how long the engine waits for a component to turn healthy after a step
 * @param limits             the engine's remediation limits, which the world also counts itself
 */
public record LearnWorld(int incidents, double train, Duration escalationCost, double noise, Duration verificationWindow,
                         Limits limits, Map<String, Risk> actions, Map<String, Integer> kinds, Map<String, Fault> faults,
                         List<Change> changes) {

    /** One action's hidden odds: the chance it fixes the fault and the time it then takes. */
    public record Odds(double success, Duration time) { }

    /**
     * A fault type.
     *
     * @param weight  relative frequency
     * @param actions the catalog's actions for it, in the catalog's order (the fixed baseline's order)
     * @param odds    per kind, per action
     */
    public record Fault(String name, double weight, List<String> actions, Map<String, Map<String, Odds>> odds) { }

    /** From share {@code at} of the run on, {@code odds} replace those of (fault, kind) for the actions they name. */
    public record Change(double at, String fault, String kind, Map<String, Odds> odds) { }

    /** Remediation limits per component and overall within a window. */
    public record Limits(int perComponent, int global, Duration window) { }

    /** The odds in force at incident {@code index} of {@code total}. */
    public Odds odds(String fault, String kind, String action, int index, int total) {
        Odds current = faults.get(fault).odds().get(kind).get(action);
        for (Change c : changes) {
            if (c.fault().equals(fault) && c.kind().equals(kind) && index >= (int) Math.round(c.at() * total)
                    && c.odds().containsKey(action)) {
                current = c.odds().get(action);
            }
        }
        return current;
    }

    /** The change that takes effect exactly at incident {@code index}, if any, for (fault, kind). */
    public Optional<Change> changeAt(String fault, String kind, int index, int total) {
        return changes.stream().filter(c -> c.fault().equals(fault) && c.kind().equals(kind)
                && (int) Math.round(c.at() * total) == index).findFirst();
    }
}
