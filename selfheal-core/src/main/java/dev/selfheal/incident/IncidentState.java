package dev.selfheal.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of an incident, with its legal transitions written out.
 *
 * <pre>
 *   OPEN ──► MITIGATING ──► RESOLVED
 *     │          │  ▲           ▲
 *     │          ▼  │           │
 *     └──────► ESCALATED ───────┘
 * </pre>
 * OPEN may also resolve directly (the component recovered before any action). ESCALATED can
 * still resolve (a person fixed it, or it recovered by itself), and can go back to MITIGATING
 * when a person approves a risky step or asks for another attempt. RESOLVED is final.
 *
 * <p>In a cluster, MITIGATING and ESCALATED go back to OPEN when a new leader takes over an
 * incident whose healing the previous leader left half-way and starts it over
 * ({@code orchestrator.LeaderTakeover}).
 */
public enum IncidentState {
    OPEN, MITIGATING, RESOLVED, ESCALATED;

    private Set<IncidentState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(MITIGATING, RESOLVED, ESCALATED);
            case MITIGATING -> EnumSet.of(RESOLVED, ESCALATED, OPEN);
            case ESCALATED -> EnumSet.of(RESOLVED, MITIGATING, OPEN);
            case RESOLVED -> EnumSet.noneOf(IncidentState.class);
        };
    }

    public boolean canMoveTo(IncidentState target) {
        return next().contains(target);
    }

    public boolean isTerminal() {
        return this == RESOLVED;
    }
}
