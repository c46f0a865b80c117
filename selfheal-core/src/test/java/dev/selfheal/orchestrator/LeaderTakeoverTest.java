package dev.selfheal.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryJournalEntry;
import dev.selfheal.recovery.ScriptedAction;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A new leader finds an incident its predecessor left MITIGATING (killed, frozen or cut off
 * between "healing started" and the end of its run) while the worker is still down: it heals it
 * instead of escalating it, and does not run an action again while the old one may still work.
 */
class LeaderTakeoverTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final HealingFixture f = new HealingFixture(HealingFixture.policy());
    private final AtomicBoolean worker = f.component("worker", "process");
    private final ScriptedAction restart = new ScriptedAction("restart_service").does(c -> {
        worker.set(true);
        return ActionResult.ok("restarted");
    });
    private final LeaderTakeover takeover = new LeaderTakeover(f.incidents, f.journal, f.health::component, f.scheduler, WINDOW,
            f.orchestrator::cycle);

    /** What the lost leader left: the worker down (as every node sees it), its incident MITIGATING, no run on it here. */
    private Incident leftMitigating() {
        f.catalog.register(restart);
        f.health.start();
        f.scheduler.runDue();
        worker.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));
        Incident incident = f.incidents.accept(new Problem(ProblemType.PROCESS_DOWN, "worker", Severity.HIGH, "worker down", "health",
                f.scheduler.now())).incident();
        f.incidents.transition(incident.id(), IncidentState.MITIGATING, "healing started");
        return incident;
    }

    private Incident stored(Incident incident) {
        return f.incidents.get(incident.id()).orElseGet(() -> f.incidentStore.find(incident.id()).orElseThrow());
    }

    @Test
    void an_incident_left_before_its_first_step_is_healed_at_once_not_escalated() {
        Incident incident = leftMitigating();

        takeover.takeOver();
        f.orchestrator.start();
        f.scheduler.runDue();

        assertThat(restart.executions).hasSize(1);
        f.scheduler.advance(Duration.ofSeconds(30));
        assertThat(stored(incident).state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(f.timeline(stored(incident))).anyMatch(line -> line.contains("taken over from the previous leader (no step had begun)"));
    }

    @Test
    void a_step_left_running_gets_one_verification_window_before_the_incident_is_healed_again() {
        Incident incident = leftMitigating();
        f.journal.begin(RecoveryJournalEntry.running("step-1", incident.id(), "worker", "worker", "restart_service", false, f.scheduler.now()));

        takeover.takeOver();
        f.orchestrator.start();
        f.scheduler.advance(WINDOW.minusSeconds(1));

        assertThat(restart.executions).isEmpty();
        assertThat(stored(incident).state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(f.journal.find("step-1").orElseThrow().status()).isEqualTo(RecoveryJournalEntry.Status.INTERRUPTED);

        f.scheduler.advance(Duration.ofSeconds(2));
        assertThat(restart.executions).hasSize(1);
        f.scheduler.advance(Duration.ofSeconds(30));
        assertThat(stored(incident).state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void a_step_left_running_that_did_work_is_not_run_again() {
        Incident incident = leftMitigating();
        f.journal.begin(RecoveryJournalEntry.running("step-1", incident.id(), "worker", "worker", "restart_service", false, f.scheduler.now()));

        takeover.takeOver();
        f.orchestrator.start();
        worker.set(true); // the old leader's restart took effect after all
        f.scheduler.advance(WINDOW.plusSeconds(5));

        assertThat(restart.executions).isEmpty();
        assertThat(stored(incident).state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void an_incident_the_leader_itself_left_without_a_run_is_taken_over_after_two_looks() {
        // Given this leader's own incident MITIGATING with nothing working it (a store write failed mid-run)
        Incident incident = leftMitigating();

        // When it looks for orphans every 10 s
        takeover.watchOrphans(Duration.ofSeconds(10), f.engine::isWorking);
        f.scheduler.advance(Duration.ofSeconds(10));
        assertThat(restart.executions).isEmpty();
        f.scheduler.advance(Duration.ofSeconds(10));

        // Then the second look takes it over and it is healed once
        assertThat(restart.executions).hasSize(1);
        takeover.cancel();
        f.scheduler.advance(Duration.ofSeconds(40));
        assertThat(restart.executions).hasSize(1);
        assertThat(stored(incident).state()).isEqualTo(IncidentState.RESOLVED);
    }
}
