package dev.selfheal.bench.predict;

import java.util.OptionalInt;

/**
 * What one rule did on one scenario.
 *
 * @param warnings      warnings raised while nothing was wrong (normal scenarios, and faults before their onset)
 * @param leadSteps     for a fault, steps from the first warning after the onset to the failure; empty when it warned too late or never
 * @param prevented     for a fault, whether the preventive action finished before the failure
 */
record Outcome(int warnings, OptionalInt leadSteps, boolean prevented) {

    /**
     * Steps through the scenario. A warning (the rule's condition turning true) runs a
     * preventive action that takes {@code actionSteps}; a fault is prevented when an action
     * started at or after the onset finishes before the failure. A warning before the onset or
     * on a normal resource is false; its action releases the resource and the run goes on.
     */
    static Outcome run(Scenario s, Alarm alarm, int actionSteps) {
        int falseWarnings = 0;
        boolean was = false;
        int releaseAt = -1;
        int end = s.failAt().orElse(s.values().length);
        for (int i = 0; i < end; i++) {
            if (i == releaseAt) {
                alarm.released();
            }
            boolean now = alarm.warnsAfter(i, s.values()[i]);
            if (now && !was) {
                if (s.fault() && i >= s.onset()) {
                    int lead = s.failAt().getAsInt() - i;
                    return new Outcome(falseWarnings, OptionalInt.of(lead), lead > actionSteps);
                }
                falseWarnings++;
                releaseAt = i + actionSteps;
            }
            was = now;
        }
        return new Outcome(falseWarnings, OptionalInt.empty(), false);
    }
}
