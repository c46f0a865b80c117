package dev.selfheal.bench.predict;

import java.util.OptionalInt;

/**
 * One generated resource: its readings every {@link PredictWorld#STEP_S} seconds against a limit
 * of 1, when it fails (a fault) and when its quota window resets (a quota).
 *
 * @param kind        what shape it has, e.g. {@code leak-linear} or {@code normal-daily}
 * @param values      the readings, one per step
 * @param failAt      the step at which the resource runs out; empty for a normal resource
 * @param onset       the step at which the fault starts (0 for a normal resource)
 * @param resetPeriod the quota window in steps, 0 when the resource has no reset
 */
record Scenario(String kind, double[] values, OptionalInt failAt, int onset, int resetPeriod) {

    boolean fault() {
        return failAt.isPresent();
    }

    double days() {
        return values.length * (double) PredictWorld.STEP_S / 86_400;
    }

    /** Days during which nothing is wrong, so that any warning is false: all of a normal resource, a fault's time before its onset. */
    double quietDays() {
        return (fault() ? onset : values.length) * (double) PredictWorld.STEP_S / 86_400;
    }
}
