package dev.selfheal.bench.learn;

import dev.selfheal.events.EventBus;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.incident.InMemoryIncidentStore;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionOutcomes;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.HealthVerifier;
import dev.selfheal.recovery.InMemoryRecoveryJournal;
import dev.selfheal.recovery.RateLimit;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.recovery.RecoveryPolicy;
import dev.selfheal.recovery.Risk;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One planner through the world: the real health checks, incidents, planner, engine and health
 * verifier on virtual time, with actions that do to the components what the world's hidden odds
 * say. The planner is the only thing that differs between the runs of a bench: it comes in as
 * the engine's {@link ActionOutcomes}.
 */
final class WorldRun {

    /** What happened to one incident under this planner. */
    record Outcome(Episodes.Episode episode, Duration time, boolean escalated, String firstAction, int steps) { }

    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration GAP = Duration.ofMinutes(20);

    private final LearnWorld world;
    private final int total;
    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-05T00:00:00Z"));
    private final EventBus bus = new EventBus();
    private final HealthCheckManager health = new HealthCheckManager(scheduler, Runnable::run, bus,
            HealthSettings.defaults().withJitter(0, 1));
    private final IncidentManager incidents = new IncidentManager(new InMemoryIncidentStore(), bus, scheduler.clock(),
            IncidentManager.DEFAULT_MERGE_WINDOW);
    private final Map<String, Instant> healthyFrom = new HashMap<>();
    private final Deque<long[]> executions = new ArrayDeque<>();
    private final Map<String, Deque<Long>> executionsByComponent = new HashMap<>();
    private final RecoveryEngine engine;
    private Episodes.Episode current;
    private int safetyViolations;

    /** {@code planner} is made from this run's health checks and the episode being worked. */
    WorldRun(LearnWorld world, int total, Function<WorldRun, ActionOutcomes> planner) {
        this.world = world;
        this.total = total;
        RecoveryActionCatalog catalog = new RecoveryActionCatalog();
        world.actions().forEach((name, risk) -> catalog.register(new WorldAction(name, risk)));
        world.faults().forEach((name, fault) -> catalog.map(ProblemType.of(name), fault.actions()));
        world.kinds().forEach((kind, n) -> {
            for (int i = 1; i <= n; i++) {
                String component = kind + "-" + i;
                health.register(CheckDefinition.builder(component, () -> healthy(component)
                                ? HealthCheckResult.healthy("ok") : HealthCheckResult.unhealthy("faulty"))
                        .group(kind).interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(5))
                        .failureThreshold(1).successThreshold(1).build());
            }
        });
        RecoveryPolicy policy = RecoveryPolicy.defaults().withVerification(world.verificationWindow(), POLL)
                .withLimits(new RateLimit(world.limits().perComponent(), world.limits().window()),
                        new RateLimit(world.limits().global(), world.limits().window()));
        this.engine = RecoveryEngine.builder(catalog, incidents, new InMemoryRecoveryJournal(), scheduler, bus)
                .learning(planner.apply(this))
                .verifier(new HealthVerifier(health, bus, scheduler, POLL))
                .executor(Runnable::run)
                .policy(policy)
                .build();
        health.start();
        scheduler.runDue();
    }

    HealthCheckManager health() {
        return health;
    }

    Episodes.Episode current() {
        return current;
    }

    int safetyViolations() {
        return safetyViolations;
    }

    private boolean healthy(String component) {
        Instant from = healthyFrom.get(component);
        return from != null && !scheduler.now().isBefore(from);
    }

    Outcome work(Episodes.Episode episode) {
        current = episode;
        String component = episode.component();
        healthyFrom.put(component, Instant.MAX);
        health.runNow(component);
        scheduler.runDue();
        Instant start = scheduler.now();
        Incident incident = incidents.accept(new Problem(ProblemType.of(episode.fault()), component, Severity.HIGH,
                "world fault " + episode.fault(), "world", start)).incident();
        engine.handle(incident.id());
        Instant giveUp = start.plus(Duration.ofHours(1));
        // Large steps are exact: the incident's own timeline says when it resolved or escalated.
        while (open(incident.id()) && scheduler.now().isBefore(giveUp)) {
            scheduler.advance(Duration.ofSeconds(15));
        }
        Incident done = incidents.get(incident.id()).orElseThrow();
        boolean escalated = done.state() != IncidentState.RESOLVED;
        Instant ended = done.timeline().isEmpty() ? scheduler.now() : done.timeline().getLast().at();
        Duration time = Duration.between(start, ended);
        if (escalated) {
            time = time.plus(world.escalationCost());
            healthyFrom.put(component, scheduler.now());
            incidents.transition(incident.id(), IncidentState.RESOLVED, "fixed by a person");
        }
        List<String> plan = done.timeline().stream().filter(t -> t.kind() == TimelineEntry.Kind.PLAN)
                .map(t -> t.data().getOrDefault("steps", "")).findFirst().map(s -> List.of(s.split(","))).orElse(List.of());
        int steps = (int) done.timeline().stream().filter(t -> t.kind() == TimelineEntry.Kind.STEP_STARTED).count();
        health.runNow(component);
        scheduler.advance(GAP);
        return new Outcome(episode, time, escalated, plan.isEmpty() ? "" : plan.getFirst(), steps);
    }

    private boolean open(String incidentId) {
        IncidentState s = incidents.get(incidentId).map(Incident::state).orElse(IncidentState.RESOLVED);
        return s == IncidentState.OPEN || s == IncidentState.MITIGATING;
    }

    /** The world's own count of what the limits forbid: HIGH risk without approval, more actions than a limit allows. */
    private void count(String component, Risk risk) {
        long now = scheduler.nanoTime();
        long horizon = now - world.limits().window().toNanos();
        Deque<Long> mine = executionsByComponent.computeIfAbsent(component, c -> new ArrayDeque<>());
        while (!mine.isEmpty() && mine.peekFirst() <= horizon) {
            mine.removeFirst();
        }
        while (!executions.isEmpty() && executions.peekFirst()[0] <= horizon) {
            executions.removeFirst();
        }
        mine.addLast(now);
        executions.addLast(new long[] {now});
        if (risk == Risk.HIGH || mine.size() > world.limits().perComponent() || executions.size() > world.limits().global()) {
            safetyViolations++;
        }
    }

    /** An action of the world: fixes the current fault with the odds in force, after its time. */
    private final class WorldAction implements RecoveryAction {
        private final String name;
        private final Risk risk;

        WorldAction(String name, Risk risk) {
            this.name = name;
            this.risk = risk;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Risk risk() {
            return risk;
        }

        @Override
        public ActionResult execute(ActionContext context) {
            Episodes.Episode e = current;
            count(context.component(), risk);
            LearnWorld.Odds odds = world.odds(e.fault(), e.kind(), name, e.index(), total);
            if (e.luck().get(name) < odds.success()) {
                long millis = Math.round(odds.time().toMillis() * e.timeFactor().get(name));
                Instant cured = scheduler.now().plusMillis(millis);
                Instant before = healthyFrom.get(context.component());
                if (before == null || before.isAfter(cured)) {
                    healthyFrom.put(context.component(), cured);
                }
                return ActionResult.ok("fixes it in " + millis + " ms");
            }
            return ActionResult.ok("ran; did not help");
        }
    }

    /** Every incident in order, under one planner. */
    static List<Outcome> run(LearnWorld world, List<Episodes.Episode> episodes, Function<WorldRun, ActionOutcomes> planner,
                             int[] safetyViolations) {
        WorldRun run = new WorldRun(world, episodes.size(), planner);
        List<Outcome> outcomes = new ArrayList<>();
        for (Episodes.Episode e : episodes) {
            outcomes.add(run.work(e));
        }
        safetyViolations[0] = run.safetyViolations;
        return outcomes;
    }
}
