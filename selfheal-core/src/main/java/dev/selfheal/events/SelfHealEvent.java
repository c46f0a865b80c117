package dev.selfheal.events;

import java.time.Instant;

/**
 * Everything that happens in selfheal and that another part may react to. The set is closed
 * so that a reader finds every kind of signal here, in one package, and a {@code switch}
 * over events is checked by the compiler. Capabilities add their records to this list.
 */
public sealed interface SelfHealEvent permits CheckCompleted, ComponentStatusChanged,
        ProblemReported, IncidentOpened, IncidentStateChanged, IncidentEscalated, RecoveryStepEnded,
        DegradationLevelChanged,
        BreakerStateChanged, OutboxFilling, RateLimitLow {

    /** When it happened, from the engine's clock. */
    Instant at();
}
