package dev.selfheal.orchestrator;

import dev.selfheal.events.EventBus;
import dev.selfheal.events.SelfHealEvent;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.incident.InMemoryIncidentStore;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.learning.InMemoryEffectivenessStore;
import dev.selfheal.learning.IncidentSurroundings;
import dev.selfheal.learning.LearningSystem;
import dev.selfheal.recovery.HealthVerifier;
import dev.selfheal.recovery.InMemoryRecoveryJournal;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.recovery.RecoveryJournal;
import dev.selfheal.recovery.RecoveryPolicy;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The healing loop on virtual time: a real HealthCheckManager (checks run inline), real
 * incidents, journal, engine and orchestrator. Components are switched up and down by flags.
 */
public final class HealingFixture {

    public final VirtualScheduler scheduler = new VirtualScheduler();
    public final EventBus bus = new EventBus();
    public final List<SelfHealEvent> events = new CopyOnWriteArrayList<>();
    public final HealthCheckManager health = new HealthCheckManager(scheduler, Runnable::run, bus,
            HealthSettings.defaults().withJitter(0, 1));
    public final InMemoryIncidentStore incidentStore = new InMemoryIncidentStore();
    /** Saves of incidents it accepts are refused, as by a dropped connection: nothing is written. */
    public final java.util.concurrent.atomic.AtomicReference<java.util.function.Predicate<dev.selfheal.incident.Incident>> refuseSave =
            new java.util.concurrent.atomic.AtomicReference<>(i -> false);
    public final IncidentManager incidents;
    public final RecoveryJournal journal;
    public final RecoveryActionCatalog catalog = new RecoveryActionCatalog();
    public final LearningSystem learning = LearningSystem.builder(new InMemoryEffectivenessStore()).writer(Runnable::run)
            .surroundings(IncidentSurroundings.of(health, () -> 0)).build();
    public final RecoveryEngine engine;
    public final SelfHealingOrchestrator orchestrator;
    public final Map<String, AtomicBoolean> up = new ConcurrentHashMap<>();

    private dev.selfheal.incident.IncidentStore refusing() {
        return new dev.selfheal.incident.IncidentStore() {
            @Override
            public void save(dev.selfheal.incident.Incident incident) {
                if (refuseSave.get().test(incident)) {
                    throw new IllegalStateException("incident store refused the write: connection reset");
                }
                incidentStore.save(incident);
            }

            @Override
            public java.util.Optional<dev.selfheal.incident.Incident> find(String id) {
                return incidentStore.find(id);
            }

            @Override
            public List<dev.selfheal.incident.Incident> recent(int limit) {
                return incidentStore.recent(limit);
            }

            @Override
            public List<dev.selfheal.incident.Incident> unresolved() {
                return incidentStore.unresolved();
            }
        };
    }

    public HealingFixture(RecoveryPolicy policy) {
        this(policy, Runnable::run, new InMemoryRecoveryJournal());
    }

    public HealingFixture(RecoveryPolicy policy, Executor actionExecutor, RecoveryJournal journal) {
        this(policy, actionExecutor, journal, dev.selfheal.cluster.LeaseFence.singleNode());
    }

    /** A node of a cluster: the engine acts only while {@code fence} gives a token. */
    public HealingFixture(RecoveryPolicy policy, Executor actionExecutor, RecoveryJournal journal, dev.selfheal.cluster.LeaseFence fence) {
        this(policy, actionExecutor, journal, fence, (f, b) -> b);
    }

    /** With more wiring of the orchestrator (patterns, mapping, …) by {@code wiring}, which may use the fixture's scheduler and bus. */
    public HealingFixture(RecoveryPolicy policy, Wiring wiring) {
        this(policy, Runnable::run, new InMemoryRecoveryJournal(), dev.selfheal.cluster.LeaseFence.singleNode(), wiring);
    }

    private HealingFixture(RecoveryPolicy policy, Executor actionExecutor, RecoveryJournal journal, dev.selfheal.cluster.LeaseFence fence,
                           Wiring wiring) {
        bus.subscribe(SelfHealEvent.class, events::add);
        this.journal = journal;
        incidents = new IncidentManager(refusing(), bus, scheduler.clock(), IncidentManager.DEFAULT_MERGE_WINDOW);
        engine = RecoveryEngine.builder(catalog, incidents, journal, scheduler, bus)
                .learning(learning)
                .verifier(new HealthVerifier(health, bus, scheduler, policy.verificationPoll()))
                .executor(actionExecutor)
                .policy(policy)
                .fence(fence)
                .build();
        orchestrator = wiring.wire(this, SelfHealingOrchestrator.builder(scheduler, bus, incidents, engine)
                .health(health).loop(Runnable::run)).build();
    }

    /** More wiring of the orchestrator. */
    public interface Wiring {
        SelfHealingOrchestrator.Builder wire(HealingFixture fixture, SelfHealingOrchestrator.Builder builder);
    }

    /** 30 s verification polled every 5 s, default limits. */
    public static RecoveryPolicy policy() {
        return RecoveryPolicy.defaults().withVerification(Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /** A component whose check passes while its flag is up: interval 10 s, 1 failure to fall, 2 passes to recover. */
    public AtomicBoolean component(String name, String group) {
        AtomicBoolean flag = new AtomicBoolean(true);
        up.put(name, flag);
        health.register(CheckDefinition.builder(name, () -> flag.get()
                        ? HealthCheckResult.healthy(name + " ok") : HealthCheckResult.unhealthy(name + " down"))
                .group(group).interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(5))
                .failureThreshold(1).successThreshold(2).build());
        return flag;
    }

    public void start() {
        health.start();
        orchestrator.start();
        scheduler.runDue();
    }

    public Incident onlyIncident() {
        List<Incident> all = incidentStore.recent(10);
        if (all.size() != 1) {
            throw new AssertionError("expected one incident, found " + all.size() + ": " + all);
        }
        return all.getFirst();
    }

    public List<String> timeline(Incident incident) {
        return incident.timeline().stream().map(e -> e.kind() + " " + e.message()).toList();
    }

    public <E extends SelfHealEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
