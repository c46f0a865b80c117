package dev.selfheal.recovery.actions;

import dev.selfheal.degradation.DegradationLevel;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.Risk;
import java.time.Duration;
import java.util.Map;

/**
 * {@code enable_degradation}: raises the degradation floor to at least {@code level} for
 * {@code holdFor}, so optional work stops while the component recovers; the floor lapses by
 * itself and the level comes down through the manager's hysteresis.
 */
public final class EnableDegradationAction implements RecoveryAction {

    private final DegradationManager degradation;
    private final DegradationLevel level;
    private final Duration holdFor;

    public EnableDegradationAction(DegradationManager degradation, DegradationLevel level, Duration holdFor) {
        if (level == DegradationLevel.FULL_SERVICE) {
            throw new IllegalArgumentException("enable_degradation level must be 1-4, not 0");
        }
        this.degradation = degradation;
        this.level = level;
        this.holdFor = holdFor;
    }

    public EnableDegradationAction(DegradationManager degradation) {
        this(degradation, DegradationLevel.REDUCED_FEATURES, Duration.ofMinutes(10));
    }

    @Override public String name() { return "enable_degradation"; }
    @Override public Risk risk() { return Risk.MEDIUM; }
    @Override public boolean idempotent() { return true; }
    @Override public Duration timeout() { return Duration.ofSeconds(5); }
    @Override public String target(ActionContext context) { return "degradation"; }

    @Override
    public ActionResult execute(ActionContext context) {
        degradation.raiseFloor(level, holdFor, "incident %s on %s".formatted(context.incidentId(), context.component()));
        DegradationLevel now = degradation.level();
        return ActionResult.ok("degradation at %s (floor %s for %s)".formatted(now.label(), level.label(), holdFor),
                Map.of("level", Integer.toString(now.number())));
    }
}
