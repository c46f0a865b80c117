package dev.selfheal.escalation;

import java.util.EnumSet;
import java.util.Set;

/** An escalation step's lifecycle: PENDING until its time, then RAN or FAILED, or CANCELLED by an acknowledgement or resolution. */
public enum StepState {
    PENDING, RAN, FAILED, CANCELLED;

    public boolean canMoveTo(StepState next) {
        Set<StepState> allowed = this == PENDING ? EnumSet.of(RAN, FAILED, CANCELLED) : EnumSet.noneOf(StepState.class);
        return allowed.contains(next);
    }
}
