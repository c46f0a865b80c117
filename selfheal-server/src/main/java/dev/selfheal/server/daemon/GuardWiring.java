package dev.selfheal.server.daemon;

import dev.selfheal.events.BreakerStateChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.checks.GuardHealthCheck;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.actions.RestartIntegrationAction;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.server.api.BreakerRoutes;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.HealingConfig;
import dev.selfheal.server.config.IntegrationsConfig;
import dev.selfheal.status.BreakerState;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcOutboxStore;
import dev.selfheal.time.Scheduler;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guards inside the daemon, built from {@code integrations:}: a {@link GuardRegistry} on the
 * daemon's scheduler and event bus, with its durable outbox on the daemon's database, and tied
 * into the rest of the daemon:
 *
 * <ul>
 *   <li><b>health</b>: each guard's {@link GuardHealthCheck} is a check {@code <name>-guard} in group
 *       {@code integrations} (every 5 s, and at once on every breaker transition; one result turns it);</li>
 *   <li><b>detection</b>: a breaker opening is reported to the healing loop as an {@code integration_failure}
 *       of component {@code <name>-guard} the moment it happens (the guard's check, failing too, joins the same incident);</li>
 *   <li><b>recovery</b>: {@code restart_integration} resets the breaker and runs the client rebuild hook registered with
 *       {@link #onRestart}; a breaker forced open (by an operator or an action) is left alone;</li>
 *   <li><b>metrics</b>: the guards' meters go to {@link #bindMetrics the daemon's registry};</li>
 *   <li><b>API</b>: {@code /api/breakers} ({@link BreakerRoutes}), with the notification receivers' guards too.</li>
 * </ul>
 */
public final class GuardWiring implements AutoCloseable {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);
    static final String GROUP = "integrations";

    private static final Logger log = LoggerFactory.getLogger(GuardWiring.class);

    private final GuardRegistry registry;
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final HealthCheckManager health;
    private final HealingWiring healing;
    private final Scheduler scheduler;
    private final Map<String, Callable<String>> rebuildHooks = new ConcurrentHashMap<>();
    private final EventBus.Subscription subscription;
    private final List<BreakerRoutes.Guards> shown = new java.util.concurrent.CopyOnWriteArrayList<>();

    private GuardWiring(IntegrationsConfig config, HealingConfig healingConfig, Database database, HealthCheckManager health,
                        HealingWiring healing, EventBus bus, Scheduler scheduler) {
        this.health = health;
        this.healing = healing;
        this.scheduler = scheduler;
        GuardRegistry.Builder builder = GuardRegistry.builder()
                .scheduler(scheduler)
                .eventBus(bus)
                .meterRegistry(meters)
                .outboxStore(new JdbcOutboxStore(database));
        config.guards().values().forEach(builder::guard);
        this.registry = builder.build();
        try {
            RestartIntegrationAction restart = new RestartIntegrationAction();
            for (Guard guard : registry.all()) {
                String name = guard.integration();
                health.register(CheckDefinition.builder(IntegrationsConfig.checkName(name), new GuardHealthCheck(guard))
                        .group(GROUP)
                        .interval(CHECK_INTERVAL)
                        .timeout(CHECK_TIMEOUT)
                        .failureThreshold(1)
                        .successThreshold(1)
                        .build());
                restart.register(name, this::restart);
                restart.register(IntegrationsConfig.checkName(name), this::restart);
            }
            HealingConfig.ActionOverride override = healingConfig.actions().get(restart.name());
            RecoveryAction action = override == null ? restart : ConfiguredAction.of(restart, override);
            healing.engine().catalog().register(action);
            this.subscription = bus.subscribe(BreakerStateChanged.class, this::onBreakerChanged);
        } catch (RuntimeException | Error e) {
            registry.all().forEach(g -> health.unregister(IntegrationsConfig.checkName(g.integration())));
            registry.close();
            throw e;
        }
    }

    /**
     * Builds the guards of {@code config.integrations()}, registers their checks and
     * {@code restart_integration}; call after {@link HealingWiring#create} and before the checks start.
     */
    public static GuardWiring create(Config config, Database database, HealthCheckManager health, HealingWiring healing,
                                     EventBus bus, Scheduler scheduler) {
        return new GuardWiring(config.integrations(), config.healing(), database, health, healing, bus, scheduler);
    }

    /** The guards: what an embedding application (or the demo) calls its integrations through. */
    public GuardRegistry registry() {
        return registry;
    }

    /**
     * What {@code restart_integration} does for {@code integration} after resetting its breaker:
     * rebuild a client, a pool. The hook returns one line saying what it did (or null).
     */
    public void onRestart(String integration, Callable<String> rebuildClient) {
        registry.guard(integration); // fails fast, naming the known ones
        rebuildHooks.put(integration, Objects.requireNonNull(rebuildClient, "rebuildClient"));
    }

    /** Sends the guards' meters ({@code selfheal_breaker_*}, {@code selfheal_guard_*}, {@code selfheal_outbox_size}) to {@code registry}. */
    public void bindMetrics(MeterRegistry registry) {
        meters.add(registry);
    }

    /**
     * Adds {@code /api/breakers} to the app: these guards, then the notification receivers' guards
     * in {@code notifications}, then any registry shown later with {@link #showGuards}.
     */
    public void registerRoutes(Javalin app, GuardRegistry notifications) {
        shown.add(0, new BreakerRoutes.Guards(notifications, BreakerRoutes.Kind.NOTIFICATION));
        shown.add(0, new BreakerRoutes.Guards(registry, BreakerRoutes.Kind.INTEGRATION));
        new BreakerRoutes(shown).register(app);
    }

    /**
     * Shows the guards of a service the daemon supervises on {@code /api/breakers} and the console
     * (kind {@code service}), with their outboxes, and lets an operator force them open or reset them:
     * the demo's orchestrator calls its simulators through its own registry, and its breakers are
     * the ones an operator needs to see. A name the daemon's own guards already use stays theirs.
     */
    public void showGuards(GuardRegistry serviceGuards) {
        shown.add(new BreakerRoutes.Guards(Objects.requireNonNull(serviceGuards, "serviceGuards"), BreakerRoutes.Kind.SERVICE));
    }

    private String restart(String component) throws Exception {
        String name = component.endsWith("-guard") && !registry.names().contains(component)
                ? component.substring(0, component.length() - "-guard".length()) : component;
        Guard guard = registry.guard(name);
        BreakerState before = guard.state();
        if (before == BreakerState.FORCED_OPEN) {
            throw new IllegalStateException(("the breaker of %s is forced open (by an operator or an action) and is left so; "
                    + "POST /api/breakers/%s/reset puts it back").formatted(name, name));
        }
        guard.reset();
        StringBuilder what = new StringBuilder("reset the breaker of %s (%s -> %s)".formatted(name, before, guard.state()));
        Callable<String> hook = rebuildHooks.get(name);
        if (hook != null) {
            String rebuilt = hook.call();
            what.append("; ").append(rebuilt == null || rebuilt.isBlank() ? "rebuilt the client" : rebuilt);
        }
        if (guard.parkedCount() > 0) {
            what.append("; ").append(guard.parkedCount()).append(" parked call(s) replaying");
        }
        return what.toString();
    }

    private void onBreakerChanged(BreakerStateChanged e) {
        if (!e.registry().equals(registry.id())) {
            return; // a guard of another registry on the same bus, perhaps with the same name
        }
        String check = IntegrationsConfig.checkName(e.integration());
        if (e.to() == BreakerState.OPEN) {
            Guard guard = registry.guard(e.integration());
            var m = guard.circuitBreaker().getMetrics();
            String evidence = "circuit breaker of %s opened (%s -> OPEN): %d of the last %d calls failed"
                    .formatted(e.integration(), e.from(), m.getNumberOfFailedCalls(), m.getNumberOfBufferedCalls());
            healing.problems().report(new Problem(ProblemType.INTEGRATION_FAILURE, check, Severity.HIGH, evidence, "breaker", e.at()));
        }
        // The check tells /api/health at once, instead of at its next run.
        scheduler.schedule(Duration.ZERO, () -> {
            try {
                health.runNow(check);
            } catch (RuntimeException ex) {
                log.debug("event=guard_check_not_run check={} error=\"{}\"", check, ex.toString());
            }
        });
    }

    /**
     * Stops reacting to breaker events and closes the registry: no outbox replay starts, a running
     * one is awaited (bounded), so {@link Daemon#stop()} closes the database only after. The outbox
     * stays in the database.
     */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.warn("event=guard_wiring_close_failed error=\"{}\"", e.toString());
        }
        registry.close(); // the daemon's registry, bound to the composite, is closed with the metrics
    }
}
