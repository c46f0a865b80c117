package dev.selfheal.recovery;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.util.Objects;

/**
 * The tunable settings of an action, as configuration states them. Validated when built, with
 * the action's name and the bad value in the message.
 */
public record ActionSettings(Risk risk, boolean critical, Duration timeout, Duration delayAfter,
                             boolean idempotent, Duration cooldown, boolean needsApproval) {

    public ActionSettings {
        Objects.requireNonNull(risk, "risk");
        DurationChecks.positive(timeout, "action timeout");
        DurationChecks.notNegative(delayAfter, "action delay-after");
        DurationChecks.notNegative(cooldown, "action cooldown");
    }

    public static ActionSettings of(RecoveryAction action) {
        return new ActionSettings(action.risk(), action.critical(), action.timeout(), action.delayAfter(),
                action.idempotent(), action.cooldown(), action.needsApproval());
    }

    public ActionSettings withRisk(Risk value) {
        return new ActionSettings(value, critical, timeout, delayAfter, idempotent, cooldown, needsApproval);
    }

    public ActionSettings withCritical(boolean value) {
        return new ActionSettings(risk, value, timeout, delayAfter, idempotent, cooldown, needsApproval);
    }

    public ActionSettings withTimeout(Duration value) {
        return new ActionSettings(risk, critical, value, delayAfter, idempotent, cooldown, needsApproval);
    }

    public ActionSettings withDelayAfter(Duration value) {
        return new ActionSettings(risk, critical, timeout, value, idempotent, cooldown, needsApproval);
    }

    public ActionSettings withIdempotent(boolean value) {
        return new ActionSettings(risk, critical, timeout, delayAfter, value, cooldown, needsApproval);
    }

    public ActionSettings withCooldown(Duration value) {
        return new ActionSettings(risk, critical, timeout, delayAfter, idempotent, value, needsApproval);
    }

    /** Approval is not derived from risk here: whoever changes the risk says whether approval follows. */
    public ActionSettings withNeedsApproval(boolean value) {
        return new ActionSettings(risk, critical, timeout, delayAfter, idempotent, cooldown, value);
    }

    /** The same action with these settings. */
    public RecoveryAction applyTo(RecoveryAction action) {
        RecoveryAction inner = action instanceof Configured c ? c.delegate() : action;
        return new Configured(inner, this);
    }

    private record Configured(RecoveryAction delegate, ActionSettings settings) implements RecoveryAction {
        @Override public String name() { return delegate.name(); }
        @Override public Risk risk() { return settings.risk(); }
        @Override public boolean critical() { return settings.critical(); }
        @Override public Duration timeout() { return settings.timeout(); }
        @Override public Duration delayAfter() { return settings.delayAfter(); }
        @Override public boolean idempotent() { return settings.idempotent(); }
        @Override public Duration cooldown() { return settings.cooldown(); }
        @Override public boolean needsApproval() { return settings.needsApproval(); }
        @Override public String target(ActionContext context) { return delegate.target(context); }
        @Override public ActionResult execute(ActionContext context) throws Exception { return delegate.execute(context); }
    }
}
