package dev.selfheal.escalation;

import java.util.EnumSet;
import java.util.Set;

/** An escalation step's lifecycle: PENDING until its time, then RAN or FAILED, or CANCELLED by an acknowledgement or resolution. */
enum EscalationStepState {
    PENDING, RAN, FAILED, CANCELLED;

    public boolean canMoveTo(EscalationStepState next) {
        Set<EscalationStepState> allowed = this == PENDING ? EnumSet.of(RAN, FAILED, CANCELLED) : EnumSet.noneOf(EscalationStepState.class);
        return allowed.contains(next);
    }
}
