package dev.selfheal.server.daemon;

import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.process.CommandSpec;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.recovery.actions.CommandAction;
import dev.selfheal.recovery.actions.EnableDegradationAction;
import dev.selfheal.recovery.actions.GarbageCollectAction;
import dev.selfheal.recovery.actions.HttpAction;
import dev.selfheal.recovery.actions.HttpHookSpec;
import dev.selfheal.recovery.actions.RestartServiceAction;
import dev.selfheal.recovery.actions.ScaleResourcesAction;
import dev.selfheal.recovery.process.SupervisedProcess;
import dev.selfheal.server.config.HealingConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's recovery catalog, from the config: the built-ins it can do from outside
 * ({@code restart_service} for the supervised services, {@code enable_degradation},
 * {@code garbage_collect} — {@code jcmd <pid> GC.run} for a supervised service, {@code scale_resources}
 * when a scaler is configured), the custom {@code command} and {@code http} actions, each with
 * its configured settings, and the problem → actions mapping with the config's overrides.
 * Built-ins that need an embedding application (restart_integration, clear_cache,
 * failover_database, clear_dead_connections) are not registered; a plan that names them says so.
 */
final class RecoveryCatalogs {

    private RecoveryCatalogs() { }

    static RecoveryActionCatalog build(HealingConfig config, SupervisedServices services, DegradationManager degradation) {
        List<RecoveryAction> actions = new ArrayList<>();
        RestartServiceAction restart = new RestartServiceAction();
        services.restarters().forEach(restart::register);
        actions.add(restart);
        actions.add(new EnableDegradationAction(degradation));
        GarbageCollectAction gc = new GarbageCollectAction();
        services.processes().forEach((name, process) -> gc.registerJvm(name, () -> pidOf(process)));
        actions.add(gc);
        config.scaler().ifPresent(s -> actions.add(s.command().map(c -> ScaleResourcesAction.command(commandSpec(c)))
                .orElseGet(() -> ScaleResourcesAction.http(hookSpec(s.http().orElseThrow())))));
        for (HealingConfig.CustomAction custom : config.customActions()) {
            actions.add(switch (custom) {
                case HealingConfig.CommandAction c -> new CommandAction(c.name(), commandSpec(c));
                case HealingConfig.HttpAction h -> new HttpAction(h.name(), hookSpec(h));
            });
        }
        RecoveryActionCatalog catalog = new RecoveryActionCatalog();
        for (RecoveryAction action : actions) {
            HealingConfig.ActionOverride override = config.actions().get(action.name());
            catalog.register(override == null ? action : ConfiguredAction.of(action, override));
        }
        config.mapping().forEach((type, names) -> catalog.map(ProblemType.of(type), names));
        return catalog;
    }

    private static long pidOf(SupervisedProcess process) {
        return process.pid().orElseThrow(() -> new IllegalStateException("service '%s' has no pid".formatted(process.name())));
    }

    private static CommandSpec commandSpec(HealingConfig.CommandAction c) {
        CommandSpec spec = new CommandSpec(c.command(), c.env(), c.workingDir(), c.timeout());
        return spec;
    }

    private static HttpHookSpec hookSpec(HealingConfig.HttpAction h) {
        return new HttpHookSpec(h.url(), h.method(), h.headers(), h.body(), h.timeout());
    }
}
