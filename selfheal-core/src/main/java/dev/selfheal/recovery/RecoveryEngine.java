// Longer than 400 lines on purpose: a recovery run is one state machine (plan, approve, step,
// time out, verify, cancel, fence) whose moves share one lock and one run record; what is a job
// of its own lives beside it (RecoveryPlanner, Verifier, RecoveryJournal, SafetyLimits).
package dev.selfheal.recovery;

import dev.selfheal.cluster.FencedOutException;
import dev.selfheal.cluster.LeaseFence;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentEscalated;
import dev.selfheal.events.RecoveryStepEnded;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.TimelineEntry.Kind;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.recovery.RecoveryJournalEntry.Status;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.HumanDuration;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans, executes and verifies the recovery of incidents.
 *
 * <h2>How a run goes</h2>
 * {@link #handle} moves an OPEN incident to MITIGATING and plans it ({@link RecoveryPlanner}).
 * Steps run one at a time. Before a step: a HIGH-risk action without approval parks the run and
 * escalates the incident until {@link #approve}; a busy target retries later; a remediation
 * limit escalates. The step is journaled RUNNING, its body runs on the executor, and its timeout
 * is a scheduler task: whichever ends first ends the step (a timed-out body is interrupted). The
 * journal then gets the outcome. A failed critical step escalates; a failed step moves on (after
 * its delay); a successful step is followed, after its delay, by verification: the incident is
 * RESOLVED only when the {@link Verifier} sees the component healthy, else the next step runs.
 * No step left: ESCALATED. Every decision and its reason is a timeline line.
 *
 * <h2>Why callbacks and not a thread per incident</h2>
 * Nothing here blocks: steps run on the action executor (virtual threads), waits are scheduler
 * tasks. So a hundred incidents cost a hundred small objects, and tests drive every path on
 * virtual time. Run state changes under this object's lock; actions, the verifier and the
 * stores' slow parts are called outside it where the order allows.
 *
 * <h2>Crashes</h2>
 * {@link #recoverJournal} at start-up marks steps found RUNNING as INTERRUPTED and does not run
 * them again, unless the action is idempotent and the policy allows a retry.
 *
 * <h2>Several nodes</h2>
 * Only the holder of the current lease acts. A journal that fences ({@code FencedRecoveryJournal})
 * refuses to begin a step under a stale token; the run is then dropped without a write, since the
 * incident belongs to the new leader. The {@link LeaseFence} is asked once more just before the
 * action body runs, so a node that paused between the two does not act on waking.
 */
public final class RecoveryEngine {

    private static final Logger log = LoggerFactory.getLogger(RecoveryEngine.class);

    private final RecoveryActionCatalog catalog;
    private final IncidentManager incidents;
    private final RecoveryJournal journal;
    private final ActionOutcomes learning;
    private final RecoveryPlanner planner;
    private final Verifier verifier;
    private final Scheduler scheduler;
    private final Executor executor;
    private final EventBus bus;
    private final RecoveryPolicy policy;
    private final SafetyLimits limits;
    private final LeaseFence fence;
    private final AtomicLong runsFencedOut = new AtomicLong();
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final AtomicLong stepsStarted = new AtomicLong();
    private final AtomicLong journalSkipped = new AtomicLong();
    private final AtomicLong stepsFailed = new AtomicLong();
    private final AtomicLong interruptedByShutdown = new AtomicLong();
    /** Steps journaled RUNNING whose end is not written yet: what {@link #shutdown} waits for. Guarded by this. */
    private final Map<String, String> inFlight = new LinkedHashMap<>();
    /** Set by {@link #shutdown}: no step begins and no decision is taken any more. Guarded by this. */
    private boolean stopping;
    /** Set when {@link #shutdown} returns: the stores may be closed, a step ending now writes nothing. Guarded by this. */
    private boolean stopped;

    /** One incident being worked. */
    private static final class Run {
        final String incidentId;
        final String component;
        final RecoveryPlan plan;
        int index;
        boolean awaitingApproval;
        boolean busyNoted;
        final Set<Integer> approved = new HashSet<>();
        boolean finished;
        /** What ran, for the run's record; a stub made at start-up to escalate has no record. */
        final List<RecoveryRun.Step> ran = new ArrayList<>();
        final boolean recorded;
        Instant startedAt;
        long stepStartedNanos;

        Run(String incidentId, String component, RecoveryPlan plan) {
            this(incidentId, component, plan, true);
        }

        Run(String incidentId, String component, RecoveryPlan plan, boolean recorded) {
            this.incidentId = incidentId;
            this.component = component;
            this.plan = plan;
            this.recorded = recorded;
        }
    }

    private record StepOutcome(Status status, String message, Map<String, String> details) { }

    RecoveryEngine(Builder b) {
        this.catalog = b.catalog;
        this.incidents = b.incidents;
        this.journal = b.journal;
        this.learning = b.learning;
        this.verifier = b.verifier;
        this.scheduler = b.scheduler;
        this.executor = b.executor;
        this.bus = b.bus;
        this.policy = b.policy;
        this.fence = b.fence;
        this.planner = new RecoveryPlanner(catalog, journal, learning);
        this.limits = new SafetyLimits(policy.perComponent(), policy.global());
    }

    public static Builder builder(RecoveryActionCatalog catalog, IncidentManager incidents, RecoveryJournal journal,
                                  Scheduler scheduler, EventBus bus) {
        return new Builder(catalog, incidents, journal, scheduler, bus);
    }

    public RecoveryPolicy policy() {
        return policy;
    }

    public RecoveryActionCatalog catalog() {
        return catalog;
    }

    public ActionOutcomes learning() {
        return learning;
    }

    /** The plan being worked for an incident, if a run is active. */
    public synchronized Optional<RecoveryPlan> activePlan(String incidentId) {
        return Optional.ofNullable(runs.get(incidentId)).map(r -> r.plan);
    }

    public synchronized boolean isWorking(String incidentId) {
        return runs.containsKey(incidentId);
    }

    /** Idempotent steps run although the journal could not record them (the store was failing). */
    public long stepsRunWithoutJournal() {
        return journalSkipped.get();
    }

    public long stepsStarted() {
        return stepsStarted.get();
    }

    public long stepsFailed() {
        return stepsFailed.get();
    }

    /** Runs dropped because this node was no longer the leader when a step was to begin. */
    public long runsFencedOut() {
        return runsFencedOut.get();
    }

    /**
     * Forgets every run without writing anything: this node stopped leading and the incidents are
     * the new leader's. A step in flight still ends in the journal; no further step begins.
     */
    public synchronized void abandonAll(String reason) {
        if (!runs.isEmpty()) {
            log.warn("event=recovery_runs_abandoned runs={} reason=\"{}\"", runs.size(), reason);
        }
        for (Run run : runs.values()) {
            run.finished = true;
        }
        runs.clear();
    }

    /**
     * Stops the engine before its stores close: no step begins and no decision is taken from now
     * on, and the steps already running get up to {@code bound} to end and have their end
     * journaled. A step still running after that is logged once as interrupted by the shutdown
     * and left RUNNING in the journal, so that the next start marks it INTERRUPTED
     * ({@link #recoverJournal}); when it ends later it writes nothing. Returns whether every step
     * ended within the bound. Idempotent.
     */
    public synchronized boolean shutdown(Duration bound) {
        stopping = true;
        long deadline = System.nanoTime() + Math.max(0, bound.toNanos());
        try {
            while (!inFlight.isEmpty() && !stopped) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean allEnded = inFlight.isEmpty();
        for (Map.Entry<String, String> step : inFlight.entrySet()) {
            interruptedByShutdown.incrementAndGet();
            log.warn("event=recovery_step_interrupted_by_shutdown step={} {} waited_ms={} note=\"left RUNNING in the journal: the next start marks it INTERRUPTED\"",
                    step.getKey(), step.getValue(), bound.toMillis());
        }
        inFlight.clear();
        stopped = true;
        return allEnded;
    }

    /** Steps still running when {@link #shutdown} gave up waiting for them. */
    public long stepsInterruptedByShutdown() {
        return interruptedByShutdown.get();
    }

    /** Whether {@link #shutdown} was called. */
    public synchronized boolean isStopping() {
        return stopping;
    }

    // ---- starting ---------------------------------------------------------------------------

    /** Starts working an OPEN incident. Does nothing for incidents already worked or not OPEN. */
    public void handle(String incidentId) {
        Run run;
        synchronized (this) {
            if (stopping || runs.containsKey(incidentId)) {
                return;
            }
            Optional<Incident> found = incidents.get(incidentId);
            if (found.isEmpty() || found.get().state() != IncidentState.OPEN) {
                return;
            }
            Incident incident = found.get();
            RecoveryPlan plan = planner.plan(incident, now());
            run = new Run(incidentId, incident.component(), plan);
            run.startedAt = now();
            // registered only once the store has taken the start: a run whose start could not be written
            // would keep the incident from being handled again, with nothing working on it
            incidents.transition(incidentId, IncidentState.MITIGATING, "healing started");
            runs.put(incidentId, run);
            noteQuietly(incidentId, Kind.PLAN, plan.summary(), planData(plan));
            log.info("event=recovery_planned incident={} component={} steps={} risk={} skipped={}",
                    incidentId, incident.component(), plan.steps().size(), plan.overallRisk(), plan.skipped().size());
            if (plan.isEmpty()) {
                finish(run, IncidentState.ESCALATED, "no recovery action applies: "
                        + (plan.skipped().isEmpty() ? "none mapped" : String.join("; ", plan.skipped())));
                return;
            }
        }
        advance(run);
    }

    /** Approves the HIGH-risk step an incident's run is waiting on, and goes on with it. */
    public void approve(String incidentId, String by) {
        Run run;
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("the recovery engine is stopping: incident %s cannot be approved now".formatted(incidentId));
            }
            run = runs.get(incidentId);
            if (run == null || !run.awaitingApproval) {
                throw new IllegalStateException("incident %s is not waiting for approval".formatted(incidentId));
            }
            PlannedStep step = run.plan.steps().get(run.index);
            run.approved.add(run.index);
            run.awaitingApproval = false;
            incidents.note(incidentId, Kind.APPROVAL, "%s approved by %s".formatted(step.name(), by),
                    Map.of("action", step.name(), "by", by));
            incidents.transition(incidentId, IncidentState.MITIGATING, "approved by " + by);
        }
        advance(run);
    }

    /**
     * The component turned healthy outside a verification: resolve its incident if no step is
     * under way (OPEN, ESCALATED, or parked waiting for approval).
     */
    public void onComponentHealthy(String component, String reason) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            Optional<Incident> incident = incidents.unresolvedFor(component);
            if (incident.isEmpty()) {
                return;
            }
            Run run = runs.get(incident.get().id());
            if (run != null && !run.awaitingApproval) {
                return; // the run's verification decides
            }
            if (run != null) {
                run.finished = true;
                runs.remove(run.incidentId);
            }
            incidents.note(incident.get().id(), Kind.VERIFICATION, component + " is HEALTHY again: " + reason, Map.of());
            incidents.transition(incident.get().id(), IncidentState.RESOLVED, "component healthy again without further action");
        }
    }

    // ---- stepping ---------------------------------------------------------------------------

    private void advance(Run run) {
        try {
            doAdvance(run);
        } catch (RuntimeException e) {
            log.error("event=recovery_advance_failed incident={} error=\"{}\"", run.incidentId, e.toString(), e);
            synchronized (this) {
                finish(run, IncidentState.ESCALATED, "engine error: " + e);
            }
        }
    }

    /**
     * A timeline note that must not stop the healing when the store refuses it: the step's journal
     * row (fenced) is what authorises acting, and a note that failed after the target was locked
     * would otherwise leave the lock held and the run stuck. The failure is logged.
     */
    private void noteQuietly(String incidentId, Kind kind, String text, Map<String, String> data) {
        try {
            incidents.note(incidentId, kind, text, data);
        } catch (FencedOutException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("event=incident_note_failed incident={} kind={} error=\"{}\"", incidentId, kind, e.toString());
        }
    }

    /** Another node leads now: this run ends here, its target freed, without acting. Caller holds the lock. */
    private void fencedOut(Run run, String target, RecoveryAction action, FencedOutException e) {
        limits.unlock(target);
        run.finished = true;
        runs.remove(run.incidentId);
        runsFencedOut.incrementAndGet();
        log.warn("event=recovery_fenced_out incident={} action={} reason=\"{}\"", run.incidentId, action.name(), e.getMessage());
    }

    private void doAdvance(Run run) {
        PlannedStep step;
        String stepId;
        String target;
        ActionContext context;
        synchronized (this) {
            if (run.finished || stopping) {
                return;
            }
            Optional<Incident> incident = incidents.get(run.incidentId);
            if (incident.isEmpty() || incident.get().isResolved()) {
                run.finished = true;
                runs.remove(run.incidentId);
                return;
            }
            if (run.index >= run.plan.steps().size()) {
                finish(run, IncidentState.ESCALATED, "plan exhausted: %d step(s) tried, %s still not healthy"
                        .formatted(run.plan.steps().size(), run.component));
                return;
            }
            step = run.plan.steps().get(run.index);
            RecoveryAction action = step.action();
            context = new ActionContext(run.incidentId, run.component, incident.get().problems(), now());
            if (action.needsApproval() && !policy.allowHighRisk() && !policy.dryRun() && !run.approved.contains(run.index)) {
                run.awaitingApproval = true;
                String why = (action.risk() == Risk.HIGH
                        ? "waiting for approval: %s is HIGH risk and high-risk actions need approval"
                        : "waiting for approval: %s is configured to need approval").formatted(action.name());
                incidents.note(run.incidentId, Kind.DECISION, why, Map.of("action", action.name(), "decision", "await_approval"));
                incidents.transition(run.incidentId, IncidentState.ESCALATED, why);
                publishEscalated(run, why);
                return;
            }
            target = action.target(context);
            if (!limits.tryLock(target)) {
                if (!run.busyNoted) {
                    run.busyNoted = true;
                    incidents.note(run.incidentId, Kind.DECISION, "%s waits: another step is acting on %s; retrying every %s"
                            .formatted(action.name(), target, policy.busyRetry()), Map.of("action", action.name(), "decision", "target_busy"));
                }
                scheduler.schedule(policy.busyRetry(), () -> advance(run));
                return;
            }
            run.busyNoted = false;
            if (!policy.dryRun()) {
                Optional<String> refused = limits.tryCount(run.component, scheduler.nanoTime());
                if (refused.isPresent()) {
                    limits.unlock(target);
                    incidents.note(run.incidentId, Kind.DECISION, "not running %s: %s".formatted(action.name(), refused.get()),
                            Map.of("action", action.name(), "decision", "rate_limited"));
                    finish(run, IncidentState.ESCALATED, refused.get());
                    return;
                }
            }
            stepId = "step-" + UUID.randomUUID().toString().substring(0, 13);
            try {
                journal.begin(RecoveryJournalEntry.running(stepId, run.incidentId, run.component, target, action.name(),
                        action.idempotent(), now()));
            } catch (FencedOutException e) {
                fencedOut(run, target, action, e);
                return;
            } catch (RuntimeException e) {
                if (!action.idempotent()) {
                    limits.unlock(target);
                    incidents.note(run.incidentId, Kind.DECISION, "not running %s: the journal could not record it (%s)"
                            .formatted(action.name(), e.getMessage()), Map.of("action", action.name(), "decision", "journal_failed"));
                    finish(run, IncidentState.ESCALATED, "recovery journal unavailable: " + e.getMessage());
                    return;
                }
                // The journal row is what keeps a step from running twice across a crash; an idempotent
                // step may run twice, so a full disk must not keep it (a restart) from running at all.
                journalSkipped.incrementAndGet();
                noteQuietly(run.incidentId, Kind.DECISION, "running %s without a journal row: the journal could not record it (%s)"
                        .formatted(action.name(), e.getMessage()), Map.of("action", action.name(), "decision", "journal_unavailable"));
            }
            stepsStarted.incrementAndGet();
            inFlight.put(stepId, "incident=%s action=%s".formatted(run.incidentId, action.name()));
            run.stepStartedNanos = scheduler.nanoTime();
            try {
                noteQuietly(run.incidentId, Kind.STEP_STARTED, "%s%s on %s (timeout %s)".formatted(
                        policy.dryRun() ? "dry-run: would run " : "running ", action.name(), target, action.timeout()),
                        Map.of("action", action.name(), "step", stepId, "target", target, "index", Integer.toString(run.index)));
            } catch (FencedOutException e) {
                inFlight.remove(stepId);
                fencedOut(run, target, action, e);
                return;
            }
        }
        if (policy.dryRun()) {
            stepEnded(run, step, stepId, target, new StepOutcome(Status.DRY_RUN, "dry-run: nothing executed", Map.of()), 0);
            return;
        }
        execute(run, step, stepId, target, context);
    }

    private void execute(Run run, PlannedStep step, String stepId, String target, ActionContext context) {
        RecoveryAction action = step.action();
        long start = scheduler.nanoTime();
        CompletableFuture<StepOutcome> outcome = new CompletableFuture<>();
        AtomicReference<Thread> runner = new AtomicReference<>();
        Cancellable timeout = scheduler.schedule(action.timeout(), () -> {
            if (outcome.complete(new StepOutcome(Status.TIMED_OUT, "timed out after " + HumanDuration.of(action.timeout()), Map.of()))) {
                Thread thread = runner.get();
                if (thread != null) {
                    thread.interrupt();
                }
            }
        });
        outcome.thenAccept(o -> {
            timeout.cancel();
            stepEnded(run, step, stepId, target, o, scheduler.nanoTime() - start);
        });
        try {
            executor.execute(() -> {
                runner.set(Thread.currentThread());
                try {
                    if (outcome.isDone()) {
                        return;
                    }
                    if (fence.current().isEmpty()) {
                        outcome.complete(new StepOutcome(Status.FAILED, "not run: this node lost the lease after the step was journaled", Map.of()));
                        return;
                    }
                    ActionResult result = action.execute(context);
                    outcome.complete(result == null
                            ? new StepOutcome(Status.FAILED, "the action returned no result", Map.of())
                            : new StepOutcome(result.success() ? Status.SUCCEEDED : Status.FAILED, result.message(), result.details()));
                } catch (InterruptedException e) {
                    outcome.complete(new StepOutcome(Status.FAILED, "interrupted", Map.of()));
                } catch (Throwable t) {
                    if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
                        throw vme;
                    }
                    outcome.complete(new StepOutcome(Status.FAILED, "threw " + describe(t), Map.of()));
                } finally {
                    runner.set(null);
                    Thread.interrupted();
                }
            });
        } catch (RuntimeException rejected) {
            outcome.complete(new StepOutcome(Status.FAILED, "could not start: " + rejected, Map.of()));
        }
    }

    private void stepEnded(Run run, PlannedStep step, String stepId, String target, StepOutcome outcome, long nanos) {
        try {
            doStepEnded(run, step, stepId, target, outcome, nanos);
        } catch (RuntimeException e) {
            log.error("event=recovery_step_end_failed incident={} step={} error=\"{}\"", run.incidentId, stepId, e.toString(), e);
            synchronized (this) {
                limits.unlock(target);
                finish(run, IncidentState.ESCALATED, "engine error after step %s: %s".formatted(step.name(), e));
            }
        }
    }

    private void doStepEnded(Run run, PlannedStep step, String stepId, String target, StepOutcome outcome, long nanos) {
        RecoveryAction action = step.action();
        Duration took = Duration.ofNanos(nanos);
        boolean failed = outcome.status().isFailure();
        synchronized (this) {
            if (stopped) { // the stores may be closed; shutdown() logged this step and the next start marks it INTERRUPTED
                limits.unlock(target);
                return;
            }
            try {
                endStep(run, step, stepId, target, outcome, took, failed);
            } finally {
                inFlight.remove(stepId);
                notifyAll();
            }
        }
        bus.publish(new RecoveryStepEnded(run.incidentId, run.component, action.name(), outcome.status().name(), took,
                outcome.message(), now()));
        synchronized (this) {
            if (stopping) { // the step's end is written; what comes next is the next start's to decide
                return;
            }
        }
        if (failed) {
            if (action.critical()) {
                synchronized (this) {
                    finish(run, IncidentState.ESCALATED, "critical step %s %s: %s".formatted(action.name(),
                            outcome.status(), outcome.message()));
                }
                return;
            }
            synchronized (this) {
                incidents.note(run.incidentId, Kind.DECISION, "%s failed and is not critical: going on with the next step"
                        .formatted(action.name()), Map.of("action", action.name(), "decision", "next_step"));
                run.index++;
            }
            later(action.delayAfter(), () -> advance(run));
            return;
        }
        later(action.delayAfter(), () -> verify(run, step, took));
    }

    /** Journals a step's end, notes it and records a failure. Caller holds the lock. */
    private void endStep(Run run, PlannedStep step, String stepId, String target, StepOutcome outcome, Duration took, boolean failed) {
        RecoveryAction action = step.action();
        try {
            journal.end(stepId, outcome.status(), now(), outcome.message());
        } catch (RuntimeException e) {
            log.error("event=journal_end_failed step={} error=\"{}\"", stepId, e.toString(), e);
        } finally {
            limits.unlock(target);
        }
        Map<String, String> data = new LinkedHashMap<>(outcome.details());
        data.put("action", action.name());
        data.put("step", stepId);
        data.put("outcome", outcome.status().name());
        data.put("duration_ms", Long.toString(took.toMillis()));
        incidents.note(run.incidentId, Kind.STEP_ENDED, "%s %s in %d ms: %s".formatted(action.name(), outcome.status(),
                took.toMillis(), outcome.message()), data);
        log.info("event=recovery_step_ended incident={} component={} action={} outcome={} duration_ms={} message=\"{}\"",
                run.incidentId, run.component, action.name(), outcome.status(), took.toMillis(), outcome.message());
        if (failed) {
            stepsFailed.incrementAndGet();
            learning.record(step.problemType(), action.name(), false, took);
            run.ran.add(new RecoveryRun.Step(action.name(), step.problemType(), action.risk(), outcome.status().name(), false,
                    took, Duration.ofNanos(scheduler.nanoTime() - run.stepStartedNanos)));
        }
    }

    private void verify(Run run, PlannedStep step, Duration took) {
        synchronized (this) {
            if (run.finished || stopping) {
                return;
            }
            incidents.note(run.incidentId, Kind.VERIFICATION, "verifying: %s must be HEALTHY within %s"
                    .formatted(run.component, policy.verificationWindow()), Map.of("action", step.name()));
        }
        CompletableFuture<Verifier.Verification> verification;
        try {
            verification = verifier.verify(run.component, policy.verificationWindow());
        } catch (RuntimeException e) {
            verification = CompletableFuture.completedFuture(new Verifier.Verification(false, "verifier failed: " + e));
        }
        verification.whenComplete((v, t) -> {
            Verifier.Verification result = v != null ? v : new Verifier.Verification(false, "verifier failed: " + t);
            try {
                verified(run, step, took, result);
            } catch (RuntimeException e) {
                log.error("event=recovery_verify_failed incident={} error=\"{}\"", run.incidentId, e.toString(), e);
            }
        });
    }

    private void verified(Run run, PlannedStep step, Duration took, Verifier.Verification result) {
        synchronized (this) {
            if (run.finished || stopping) {
                return;
            }
            incidents.note(run.incidentId, Kind.VERIFICATION, (result.passed() ? "passed: " : "failed: ") + result.message(),
                    Map.of("action", step.name(), "passed", Boolean.toString(result.passed())));
            if (!policy.dryRun()) {
                learning.record(step.problemType(), step.name(), result.passed(), took);
            }
            run.ran.add(new RecoveryRun.Step(step.name(), step.problemType(), step.action().risk(), Status.SUCCEEDED.name(),
                    result.passed(), took, Duration.ofNanos(scheduler.nanoTime() - run.stepStartedNanos)));
            if (result.passed()) {
                finish(run, IncidentState.RESOLVED, "verified after %s: %s".formatted(step.name(), result.message()));
                return;
            }
            run.index++;
            incidents.note(run.incidentId, Kind.DECISION, run.index < run.plan.steps().size()
                    ? "%s did not bring %s back: next step %s".formatted(step.name(), run.component, run.plan.steps().get(run.index).name())
                    : "%s did not bring %s back and no step is left".formatted(step.name(), run.component),
                    Map.of("decision", "next_step"));
        }
        advance(run);
    }

    /** Ends a run. Caller holds the lock. */
    private void finish(Run run, IncidentState state, String reason) {
        run.finished = true;
        runs.remove(run.incidentId);
        if (stopped) {
            return; // the stores may be closed
        }
        try {
            Optional<Incident> incident = incidents.get(run.incidentId);
            if (incident.isEmpty() || incident.get().isResolved()) {
                return;
            }
            if (state == IncidentState.ESCALATED) {
                incidents.note(run.incidentId, Kind.DECISION, "escalating: " + reason, Map.of("decision", "escalate"));
            }
            incidents.transition(run.incidentId, state, reason);
            if (state == IncidentState.ESCALATED) {
                publishEscalated(run, reason);
            }
            reportRun(run, incident.get(), state, reason);
        } catch (RuntimeException e) {
            log.error("event=recovery_finish_failed incident={} to={} error=\"{}\"", run.incidentId, state, e.toString(), e);
        }
    }

    /** Hands the run to learning; never in a dry run, whose steps did nothing. Caller holds the lock. */
    private void reportRun(Run run, Incident incident, IncidentState state, String reason) {
        if (!run.recorded || policy.dryRun()) {
            return;
        }
        try {
            boolean verified = state == IncidentState.RESOLVED && run.ran.stream().anyMatch(RecoveryRun.Step::verified);
            learning.runEnded(new RecoveryRun(run.incidentId, run.component, incident.problemTypes(),
                    run.plan.steps().stream().map(PlannedStep::name).toList(), run.ran, state, verified, incident.openedAt(),
                    run.startedAt == null ? now() : run.startedAt, now(), reason));
        } catch (RuntimeException e) {
            log.error("event=recovery_run_report_failed incident={} error=\"{}\"", run.incidentId, e.toString(), e);
        }
    }

    private void publishEscalated(Run run, String reason) {
        log.warn("event=incident_escalated incident={} component={} reason=\"{}\"", run.incidentId, run.component, reason);
        bus.publish(new IncidentEscalated(run.incidentId, run.component, reason, now()));
    }

    // ---- crash recovery ---------------------------------------------------------------------

    /**
     * At start-up: every step still RUNNING in the journal was cut off by a crash. It is marked
     * INTERRUPTED and written into its incident's timeline; it is not run again, except that an
     * idempotent one is retried (a fresh plan) when the policy allows it. Other incidents left
     * MITIGATING are escalated: what they did cannot be known for sure. Returns the interrupted steps.
     */
    public List<RecoveryJournalEntry> recoverJournal() {
        List<RecoveryJournalEntry> interrupted = new ArrayList<>();
        List<String> retry = new ArrayList<>();
        synchronized (this) {
            Set<String> seen = new HashSet<>();
            for (RecoveryJournalEntry entry : journal.running()) {
                if (!journal.end(entry.stepId(), Status.INTERRUPTED, now(), "found RUNNING at start-up: the engine stopped mid-step")) {
                    continue;
                }
                interrupted.add(entry);
                log.warn("event=recovery_step_interrupted step={} incident={} action={} started_at={}",
                        entry.stepId(), entry.incidentId(), entry.action(), entry.startedAt());
                Optional<Incident> incident = incidents.get(entry.incidentId());
                if (incident.isEmpty() || incident.get().isResolved() || !seen.add(entry.incidentId())) {
                    continue;
                }
                incidents.note(entry.incidentId(), Kind.STEP_ENDED, "%s INTERRUPTED: the engine stopped while it ran (started %s)"
                        .formatted(entry.action(), entry.startedAt()), Map.of("action", entry.action(), "step", entry.stepId(),
                        "outcome", Status.INTERRUPTED.name()));
                Run stub = new Run(entry.incidentId(), entry.component(), new RecoveryPlan(entry.incidentId(), entry.component(),
                        List.of(), List.of(), Duration.ZERO, Risk.LOW), false);
                if (entry.idempotent() && policy.retryInterruptedIdempotent()) {
                    incidents.note(entry.incidentId(), Kind.DECISION, "retrying after the crash: %s is idempotent and the policy allows it"
                            .formatted(entry.action()), Map.of("action", entry.action(), "decision", "retry_interrupted"));
                    retry.add(entry.incidentId());
                } else {
                    String why = "%s was interrupted mid-step by a crash and is not re-run blindly (%s)".formatted(entry.action(),
                            entry.idempotent() ? "the policy does not retry interrupted steps" : "it is not idempotent");
                    incidents.note(entry.incidentId(), Kind.DECISION, why, Map.of("action", entry.action(), "decision", "no_rerun"));
                    finish(stub, IncidentState.ESCALATED, why);
                }
            }
            for (Incident incident : incidents.unresolved()) {
                if (incident.state() == IncidentState.MITIGATING && !seen.contains(incident.id()) && !runs.containsKey(incident.id())) {
                    Run stub = new Run(incident.id(), incident.component(), new RecoveryPlan(incident.id(), incident.component(),
                            List.of(), List.of(), Duration.ZERO, Risk.LOW), false);
                    finish(stub, IncidentState.ESCALATED, "the engine restarted while this incident was being mitigated");
                }
            }
        }
        for (String incidentId : retry) {
            restart(incidentId);
        }
        return interrupted;
    }

    /** Works an incident again with a fresh plan (after an interrupted idempotent step). */
    private void restart(String incidentId) {
        Run run;
        synchronized (this) {
            Optional<Incident> incident = incidents.get(incidentId);
            if (incident.isEmpty() || incident.get().isResolved() || runs.containsKey(incidentId)) {
                return;
            }
            RecoveryPlan plan = planner.plan(incident.get(), now());
            run = new Run(incidentId, incident.get().component(), plan);
            run.startedAt = now();
            runs.put(incidentId, run);
            if (incident.get().state() != IncidentState.MITIGATING) {
                incidents.transition(incidentId, IncidentState.MITIGATING, "healing resumed after a restart");
            }
            incidents.note(incidentId, Kind.PLAN, plan.summary(), planData(plan));
            if (plan.isEmpty()) {
                finish(run, IncidentState.ESCALATED, "no recovery action applies after the restart: " + String.join("; ", plan.skipped()));
                return;
            }
        }
        advance(run);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void later(Duration delay, Runnable task) {
        if (delay.isZero() || delay.isNegative()) {
            task.run();
        } else {
            scheduler.schedule(delay, task);
        }
    }

    private Instant now() {
        return scheduler.clock().instant();
    }

    private static Map<String, String> planData(RecoveryPlan plan) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("steps", String.join(",", plan.steps().stream().map(PlannedStep::name).toList()));
        data.put("risk", plan.overallRisk().name());
        data.put("estimated_ms", Long.toString(plan.estimatedDuration().toMillis()));
        data.put("skipped", Integer.toString(plan.skipped().size()));
        List<String> why = plan.steps().stream().filter(s -> !s.why().isEmpty()).map(PlannedStep::why).toList();
        if (!why.isEmpty()) {
            data.put("why", String.join(" | ", why));
        }
        return data;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Wires an engine; catalog, incidents, journal, scheduler and bus are required, the rest has defaults. */
    public static final class Builder {
        private final RecoveryActionCatalog catalog;
        private final IncidentManager incidents;
        private final RecoveryJournal journal;
        private final Scheduler scheduler;
        private final EventBus bus;
        private ActionOutcomes learning = ActionOutcomes.inMemory();
        private Verifier verifier;
        private Executor executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        private RecoveryPolicy policy = RecoveryPolicy.defaults();
        private LeaseFence fence = LeaseFence.singleNode();

        private Builder(RecoveryActionCatalog catalog, IncidentManager incidents, RecoveryJournal journal, Scheduler scheduler, EventBus bus) {
            this.catalog = catalog;
            this.incidents = incidents;
            this.journal = journal;
            this.scheduler = scheduler;
            this.bus = bus;
        }

        public Builder learning(ActionOutcomes value) {
            this.learning = value;
            return this;
        }

        public Builder verifier(Verifier value) {
            this.verifier = value;
            return this;
        }

        /** Where action bodies run (default: a virtual thread each). */
        public Builder executor(Executor value) {
            this.executor = value;
            return this;
        }

        public Builder policy(RecoveryPolicy value) {
            this.policy = value;
            return this;
        }

        /** Asked before each action runs: a node that does not hold the current lease does not act (default: alone, always acts). */
        public Builder fence(LeaseFence value) {
            this.fence = java.util.Objects.requireNonNull(value, "fence");
            return this;
        }

        public RecoveryEngine build() {
            if (verifier == null) {
                throw new IllegalStateException("recovery engine needs a verifier (HealthVerifier over the HealthCheckManager)");
            }
            return new RecoveryEngine(this);
        }
    }
}
