package dev.selfheal.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.selfheal.events.IncidentEscalated;
import dev.selfheal.events.RecoveryStepEnded;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.orchestrator.HealingFixture;
import dev.selfheal.recovery.RecoveryJournalEntry.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RecoveryEngineTest {

    private static ScriptedAction bringsUp(String name, AtomicBoolean flag) {
        return new ScriptedAction(name).does(c -> {
            flag.set(true);
            return ActionResult.ok("brought it up");
        });
    }

    @Test
    void a_process_that_goes_down_is_restarted_verified_and_its_incident_resolved_with_every_step_in_the_timeline() {
        // Given a worker process watched by a check, and restart_service that brings it back
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean worker = f.component("worker", "process");
        ScriptedAction restart = bringsUp("restart_service", worker);
        f.catalog.register(restart);
        f.start();

        // When it goes down and its next check sees it
        worker.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));

        // Then the first action ran at the moment it turned UNHEALTHY, not at the next cycle
        assertThat(restart.executions).hasSize(1);
        assertThat(restart.executions.getFirst().at()).isEqualTo(f.scheduler.now());
        // and once its checks pass again the incident resolves
        f.scheduler.advance(Duration.ofSeconds(15));
        Incident incident = f.onlyIncident();
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incident.problemTypes()).containsExactly(ProblemType.PROCESS_DOWN);
        assertThat(incident.timeline()).extracting(TimelineEntry::kind).containsSubsequence(
                TimelineEntry.Kind.SIGNAL, TimelineEntry.Kind.STATE, TimelineEntry.Kind.PLAN, TimelineEntry.Kind.STEP_STARTED,
                TimelineEntry.Kind.STEP_ENDED, TimelineEntry.Kind.VERIFICATION, TimelineEntry.Kind.VERIFICATION, TimelineEntry.Kind.STATE);
        assertThat(f.journal.forIncident(incident.id())).extracting(RecoveryJournalEntry::status).containsExactly(Status.SUCCEEDED);
        assertThat(f.learning.effectiveness(ProblemType.PROCESS_DOWN, "restart_service").successes()).isEqualTo(1);
    }

    @Test
    void a_start_the_store_refused_leaves_the_incident_to_be_healed_once_the_store_is_back() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean worker = f.component("worker", "process");
        ScriptedAction restart = bringsUp("restart_service", worker);
        f.catalog.register(restart);
        f.start();

        // the write of "healing started" fails, as on a connection cut under it
        f.refuseSave.set(i -> i.state() == IncidentState.MITIGATING);
        worker.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));
        assertThat(restart.executions).isEmpty();
        assertThat(f.onlyIncident().state()).isEqualTo(IncidentState.OPEN);
        assertThat(f.engine.isWorking(f.onlyIncident().id())).as("no run left behind by the refused start").isFalse();

        f.refuseSave.set(i -> false);
        f.scheduler.advance(Duration.ofSeconds(40));
        assertThat(restart.executions).hasSize(1);
        assertThat(f.onlyIncident().state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void a_step_whose_timeline_note_the_store_refused_still_runs_and_frees_its_target() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean worker = f.component("worker", "process");
        ScriptedAction restart = bringsUp("restart_service", worker);
        f.catalog.register(restart);
        f.start();

        // the journal row of the step is written; the "running ..." note after it is refused
        f.refuseSave.set(i -> !i.timeline().isEmpty() && i.timeline().getLast().kind() == TimelineEntry.Kind.STEP_STARTED);
        worker.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));
        f.refuseSave.set(i -> false);
        f.scheduler.advance(Duration.ofSeconds(15));
        assertThat(restart.executions).hasSize(1);
        assertThat(f.onlyIncident().state()).isEqualTo(IncidentState.RESOLVED);

        // the target was released: the next failure of the same worker is healed too
        worker.set(false);
        f.scheduler.advance(Duration.ofSeconds(40));
        assertThat(restart.executions).hasSize(2);
        assertThat(f.incidents.unresolved()).isEmpty();
    }

    @Test
    void a_failed_critical_step_stops_the_plan_and_escalates_the_incident() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean github = f.component("github-api", "integrations");
        ScriptedAction restart = new ScriptedAction("restart_integration").critical(true)
                .does(c -> ActionResult.failed("client rebuild refused: bad token"));
        ScriptedAction degrade = bringsUp("enable_degradation", github);
        f.catalog.register(restart).register(degrade);
        f.start();

        github.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));

        Incident incident = f.onlyIncident();
        assertThat(incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(degrade.executions).isEmpty();
        assertThat(f.events(IncidentEscalated.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("critical step restart_integration FAILED", "bad token"));
    }

    @Test
    void a_failed_step_that_is_not_critical_is_followed_by_the_next_one() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean github = f.component("github-api", "integrations");
        f.catalog.register(new ScriptedAction("restart_integration").does(c -> ActionResult.failed("no restarter")))
                .register(bringsUp("enable_degradation", github));
        f.start();

        github.set(false);
        f.scheduler.advance(Duration.ofSeconds(30));

        Incident incident = f.onlyIncident();
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(f.journal.forIncident(incident.id())).extracting(RecoveryJournalEntry::action, RecoveryJournalEntry::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("restart_integration", Status.FAILED),
                        org.assertj.core.groups.Tuple.tuple("enable_degradation", Status.SUCCEEDED));
    }

    @Test
    void an_action_that_throws_is_a_failed_step_and_the_loop_goes_on() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean github = f.component("github-api", "integrations");
        f.catalog.register(new ScriptedAction("restart_integration").does(c -> {
            throw new IllegalStateException("boom");
        })).register(bringsUp("enable_degradation", github));
        f.start();

        github.set(false);
        f.scheduler.advance(Duration.ofSeconds(30));

        Incident incident = f.onlyIncident();
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(f.events(RecoveryStepEnded.class).getFirst())
                .satisfies(e -> assertThat(e.outcome()).isEqualTo("FAILED"))
                .satisfies(e -> assertThat(e.message()).isEqualTo("threw IllegalStateException: boom"));
    }

    @Test
    void a_step_that_outlives_its_timeout_is_interrupted_and_recorded_as_timed_out() throws Exception {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            HealingFixture f = new HealingFixture(HealingFixture.policy(), threads, new InMemoryRecoveryJournal());
            f.component("worker", "process").set(false);
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            f.catalog.register(new ScriptedAction("restart_service").timeout(Duration.ofSeconds(20)).does(c -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return ActionResult.ok("unreachable");
            }));
            f.start();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

            f.scheduler.advance(Duration.ofSeconds(20));

            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
            Incident incident = f.onlyIncident();
            assertThat(f.journal.forIncident(incident.id())).singleElement()
                    .satisfies(e -> assertThat(e.status()).isEqualTo(Status.TIMED_OUT));
            assertThat(incident.state()).isEqualTo(IncidentState.ESCALATED);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void when_no_step_brings_the_component_back_the_incident_escalates_once_the_plan_is_exhausted() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean memory = f.component("memory", "system");
        ScriptedAction gc = new ScriptedAction("garbage_collect");
        ScriptedAction cache = new ScriptedAction("clear_cache");
        f.catalog.register(gc).register(cache);
        f.start();

        memory.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));
        f.scheduler.advance(Duration.ofSeconds(29));
        assertThat(f.onlyIncident().state()).isEqualTo(IncidentState.MITIGATING);
        f.scheduler.advance(Duration.ofSeconds(31));

        Incident incident = f.onlyIncident();
        assertThat(gc.executions).hasSize(1);
        assertThat(cache.executions).hasSize(1);
        assertThat(incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(f.events(IncidentEscalated.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("plan exhausted: 2 step(s) tried"));
        assertThat(f.timeline(incident)).anyMatch(l -> l.startsWith("VERIFICATION failed: memory not HEALTHY within PT30S"));
        assertThat(f.learning.effectiveness(ProblemType.HIGH_MEMORY_USAGE, "garbage_collect").attempts()).isEqualTo(1);
        assertThat(f.learning.effectiveness(ProblemType.HIGH_MEMORY_USAGE, "garbage_collect").successes()).isZero();
    }

    @Test
    void an_action_that_failed_on_a_component_within_its_cooldown_is_left_out_of_the_next_plan() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean github = f.component("github-api", "integrations");
        ScriptedAction restart = new ScriptedAction("restart_integration").does(c -> ActionResult.failed("refused"));
        f.catalog.register(restart).register(bringsUp("enable_degradation", github));
        f.start();
        github.set(false);
        f.scheduler.advance(Duration.ofSeconds(30));
        assertThat(f.incidentStore.recent(5)).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo(IncidentState.RESOLVED));

        // When it fails again five minutes later
        f.scheduler.advance(Duration.ofMinutes(5));
        github.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));

        Incident second = f.incidentStore.recent(5).getFirst();
        assertThat(restart.executions).hasSize(1);
        assertThat(f.timeline(second)).anyMatch(l -> l.startsWith("PLAN plan: enable_degradation")
                && l.contains("skipped: restart_integration: FAILED on github-api at") && l.contains("within its cooldown of PT10M"));
    }

    @Test
    void plans_put_low_risk_first_then_the_best_learned_success_rate() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        ProblemType type = ProblemType.of("queue_stuck");
        f.catalog.map(type, List.of("drain", "kick", "nudge", "not_registered"))
                .register(new ScriptedAction("drain").risk(Risk.MEDIUM))
                .register(new ScriptedAction("kick"))
                .register(new ScriptedAction("nudge"));
        for (int i = 0; i < 4; i++) {
            f.learning.record(type, "nudge", true, Duration.ofSeconds(2));
            f.learning.record(type, "kick", false, Duration.ofSeconds(1));
        }
        Incident incident = f.incidents.accept(new Problem(type, "queue", Severity.HIGH, "stuck", "test", f.scheduler.now())).incident();

        RecoveryPlan plan = new RecoveryPlanner(f.catalog, f.journal, f.learning).plan(incident, f.scheduler.now());

        assertThat(plan.steps()).extracting(PlannedStep::name).containsExactly("nudge", "kick", "drain");
        assertThat(plan.skipped()).containsExactly("not_registered: not registered in the catalog");
        assertThat(plan.overallRisk()).isEqualTo(Risk.MEDIUM);
        assertThat(plan.estimatedDuration()).isEqualTo(Duration.ofSeconds(2 + 1 + 30));
    }

    @Test
    void the_remediation_breaker_stops_a_restart_loop_after_three_actions_on_one_component_in_fifteen_minutes() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean worker = f.component("worker", "process");
        ScriptedAction restart = bringsUp("restart_service", worker);
        f.catalog.register(restart);
        f.start();

        for (int crash = 1; crash <= 4; crash++) {
            worker.set(false);
            f.scheduler.advance(Duration.ofMinutes(2));
        }

        assertThat(restart.executions).hasSize(3);
        List<Incident> all = f.incidentStore.recent(10);
        assertThat(all).hasSize(4);
        assertThat(all.getFirst().state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(f.timeline(all.getFirst())).anyMatch(l -> l.equals(
                "DECISION not running restart_service: remediation limit reached: 3 actions on worker within PT15M (limit 3 per 15m)"));
        assertThat(all.subList(1, 4)).allSatisfy(i -> assertThat(i.state()).isEqualTo(IncidentState.RESOLVED));
    }

    @Test
    void two_steps_never_act_on_one_target_at_the_same_time() {
        HoldingExecutor holding = new HoldingExecutor();
        HealingFixture f = new HealingFixture(HealingFixture.policy(), holding, new InMemoryRecoveryJournal());
        AtomicBoolean a = f.component("svc-a", "process");
        AtomicBoolean b = f.component("svc-b", "process");
        ScriptedAction restart = new ScriptedAction("restart_service").target("host-1").does(c -> {
            f.up.get(c.component()).set(true);
            return ActionResult.ok("restarted " + c.component());
        });
        f.catalog.register(restart);
        f.start();

        a.set(false);
        b.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));
        assertThat(holding.size()).as("only the first restart may start").isEqualTo(1);
        f.scheduler.advance(Duration.ofSeconds(10));
        assertThat(holding.size()).isEqualTo(1);

        holding.runNext();
        f.scheduler.advance(Duration.ofSeconds(5));
        assertThat(holding.size()).as("the second starts once the target is free").isEqualTo(1);
        holding.runNext();
        f.scheduler.advance(Duration.ofSeconds(30));

        assertThat(restart.executions).extracting(ActionContext::component).containsExactlyInAnyOrder("svc-a", "svc-b");
        assertThat(f.incidentStore.recent(5)).allSatisfy(i -> assertThat(i.state()).isEqualTo(IncidentState.RESOLVED));
        assertThat(f.incidentStore.recent(5)).anySatisfy(i -> assertThat(f.timeline(i))
                .anyMatch(l -> l.startsWith("DECISION restart_service waits: another step is acting on host-1")));
    }

    @Test
    void dry_run_journals_and_records_every_step_but_executes_nothing() {
        HealingFixture f = new HealingFixture(HealingFixture.policy().withDryRun(true));
        AtomicBoolean memory = f.component("memory", "system");
        ScriptedAction gc = new ScriptedAction("garbage_collect");
        f.catalog.register(gc);
        f.start();

        memory.set(false);
        f.scheduler.advance(Duration.ofSeconds(45));

        Incident incident = f.onlyIncident();
        assertThat(gc.executions).isEmpty();
        assertThat(f.journal.forIncident(incident.id())).extracting(RecoveryJournalEntry::status).containsExactly(Status.DRY_RUN);
        assertThat(f.timeline(incident)).anyMatch(l -> l.startsWith("STEP_STARTED dry-run: would run garbage_collect on memory"));
        assertThat(incident.state()).isEqualTo(IncidentState.ESCALATED);
    }

    @Test
    void a_high_risk_action_waits_for_approval_and_runs_once_approved() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean db = f.component("orders-db", "database");
        ScriptedAction evict = new ScriptedAction("clear_dead_connections");
        ScriptedAction failover = bringsUp("failover_database", db).risk(Risk.HIGH);
        f.catalog.register(evict).register(failover);
        f.start();

        db.set(false);
        f.scheduler.advance(Duration.ofSeconds(40));
        Incident waiting = f.onlyIncident();
        assertThat(evict.executions).hasSize(1);
        assertThat(failover.executions).isEmpty();
        assertThat(waiting.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(f.timeline(waiting)).anyMatch(l -> l.contains("waiting for approval: failover_database is HIGH risk"));
        assertThatThrownBy(() -> f.engine.approve("inc-nonexistent", "ops")).hasMessageContaining("not waiting for approval");

        f.engine.approve(waiting.id(), "alice");
        f.scheduler.advance(Duration.ofSeconds(15));

        Incident done = f.onlyIncident();
        assertThat(failover.executions).hasSize(1);
        assertThat(done.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(f.timeline(done)).anyMatch(l -> l.equals("APPROVAL failover_database approved by alice"));
    }

    @Test
    void a_high_risk_action_runs_without_approval_when_the_policy_allows_it() {
        HealingFixture f = new HealingFixture(HealingFixture.policy().withAllowHighRisk(true));
        AtomicBoolean db = f.component("orders-db", "database");
        f.catalog.register(bringsUp("failover_database", db).risk(Risk.HIGH));
        f.start();

        db.set(false);
        f.scheduler.advance(Duration.ofSeconds(25));

        assertThat(f.onlyIncident().state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void an_escalated_incident_resolves_when_its_component_recovers_by_itself() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean cpu = f.component("cpu", "system");
        f.start(); // no action registered for high_cpu_usage: escalates at once

        cpu.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));
        assertThat(f.onlyIncident().state()).isEqualTo(IncidentState.ESCALATED);
        cpu.set(true);
        f.scheduler.advance(Duration.ofSeconds(20));

        Incident incident = f.onlyIncident();
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incident.closedAt()).isPresent();
    }

    @Test
    void a_step_found_running_at_start_up_is_marked_interrupted_and_not_run_again() {
        // Given an engine that died mid-step: the journal says RUNNING, the incident MITIGATING
        HealingFixture before = new HealingFixture(HealingFixture.policy());
        Incident incident = before.incidents.accept(new Problem(ProblemType.PROCESS_DOWN, "worker", Severity.HIGH, "down", "test",
                before.scheduler.now())).incident();
        before.incidents.transition(incident.id(), IncidentState.MITIGATING, "healing started");
        before.journal.begin(RecoveryJournalEntry.running("step-1", incident.id(), "worker", "worker", "restart_service", false,
                before.scheduler.now()));

        // When a fresh engine starts on the same stores
        IncidentManager incidents = new IncidentManager(before.incidentStore, before.bus, before.scheduler.clock(), Duration.ofMinutes(5));
        ScriptedAction restart = new ScriptedAction("restart_service");
        before.catalog.register(restart);
        RecoveryEngine engine = RecoveryEngine.builder(before.catalog, incidents, before.journal, before.scheduler, before.bus)
                .verifier((c, w) -> java.util.concurrent.CompletableFuture.completedFuture(new Verifier.Verification(true, "ok")))
                .executor(Runnable::run).build();
        List<RecoveryJournalEntry> interrupted = engine.recoverJournal();

        // Then the step is INTERRUPTED, not re-run, and the incident escalated with the reason
        assertThat(interrupted).extracting(RecoveryJournalEntry::stepId).containsExactly("step-1");
        assertThat(before.journal.find("step-1")).get().extracting(RecoveryJournalEntry::status).isEqualTo(Status.INTERRUPTED);
        assertThat(restart.executions).isEmpty();
        Incident after = incidents.get(incident.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(before.timeline(after)).anyMatch(l -> l.contains("restart_service was interrupted mid-step by a crash and is not re-run blindly (it is not idempotent)"));
    }

    @Test
    void an_interrupted_idempotent_step_is_retried_when_the_policy_allows_it() {
        HealingFixture before = new HealingFixture(HealingFixture.policy());
        Incident incident = before.incidents.accept(new Problem(ProblemType.PROCESS_DOWN, "worker", Severity.HIGH, "down", "test",
                before.scheduler.now())).incident();
        before.incidents.transition(incident.id(), IncidentState.MITIGATING, "healing started");
        before.journal.begin(RecoveryJournalEntry.running("step-1", incident.id(), "worker", "worker", "restart_service", true,
                before.scheduler.now()));

        IncidentManager incidents = new IncidentManager(before.incidentStore, before.bus, before.scheduler.clock(), Duration.ofMinutes(5));
        ScriptedAction restart = new ScriptedAction("restart_service").idempotent(true);
        before.catalog.register(restart);
        RecoveryEngine engine = RecoveryEngine.builder(before.catalog, incidents, before.journal, before.scheduler, before.bus)
                .verifier((c, w) -> java.util.concurrent.CompletableFuture.completedFuture(new Verifier.Verification(true, "worker HEALTHY")))
                .executor(Runnable::run).policy(HealingFixture.policy().withRetryInterruptedIdempotent(true)).build();
        engine.recoverJournal();

        assertThat(restart.executions).hasSize(1);
        assertThat(incidents.get(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
    }

    /** Keeps action bodies until the test runs them: a step that has not finished yet. */
    static final class HoldingExecutor implements Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        synchronized int size() {
            return tasks.size();
        }

        void runNext() {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
            }
            task.run();
        }
    }
}
