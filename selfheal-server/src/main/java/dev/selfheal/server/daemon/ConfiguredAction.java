package dev.selfheal.server.daemon;

import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.ActionSettings;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.Risk;
import dev.selfheal.server.config.HealingConfig.ActionOverride;
import java.time.Duration;
import java.util.Locale;

/**
 * An action with the settings of its {@code healing.actions.<name>} entry: what the entry names
 * replaces the action's default, the rest is the action's own. The settings are validated by
 * {@link ActionSettings} when built.
 */
record ConfiguredAction(RecoveryAction delegate, ActionSettings settings, boolean needsApproval) implements RecoveryAction {

    static RecoveryAction of(RecoveryAction action, ActionOverride o) {
        ActionSettings s = ActionSettings.of(action);
        if (o.timeout().isPresent()) {
            s = s.withTimeout(o.timeout().get());
        }
        if (o.delayAfter().isPresent()) {
            s = s.withDelayAfter(o.delayAfter().get());
        }
        if (o.risk().isPresent()) {
            s = s.withRisk(Risk.valueOf(o.risk().get().toUpperCase(Locale.ROOT)));
        }
        if (o.cooldown().isPresent()) {
            s = s.withCooldown(o.cooldown().get());
        }
        if (o.critical().isPresent()) {
            s = s.withCritical(o.critical().get());
        }
        if (o.idempotent().isPresent()) {
            s = s.withIdempotent(o.idempotent().get());
        }
        boolean approval = o.approval().orElse(s.risk() == Risk.HIGH);
        return new ConfiguredAction(action, s, approval);
    }

    @Override public String name() { return delegate.name(); }
    @Override public Risk risk() { return settings.risk(); }
    @Override public boolean critical() { return settings.critical(); }
    @Override public Duration timeout() { return settings.timeout(); }
    @Override public Duration delayAfter() { return settings.delayAfter(); }
    @Override public boolean idempotent() { return settings.idempotent(); }
    @Override public Duration cooldown() { return settings.cooldown(); }
    @Override public String target(ActionContext context) { return delegate.target(context); }
    @Override public ActionResult execute(ActionContext context) throws Exception { return delegate.execute(context); }
}
