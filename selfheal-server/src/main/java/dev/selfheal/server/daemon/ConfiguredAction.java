package dev.selfheal.server.daemon;

import dev.selfheal.recovery.ActionSettings;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.Risk;
import dev.selfheal.server.config.HealingConfig.ActionOverride;
import java.util.Locale;

/**
 * An action with the settings of its {@code healing.actions.<name>} entry: what the entry names
 * replaces the action's default, the rest is the action's own. The settings are validated by
 * {@link ActionSettings} when built.
 */
final class ConfiguredAction {

    private ConfiguredAction() { }

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
        s = s.withNeedsApproval(o.approval().orElse(s.risk() == Risk.HIGH));
        return s.applyTo(action);
    }
}
