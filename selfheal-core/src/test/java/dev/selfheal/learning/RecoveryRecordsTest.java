package dev.selfheal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.orchestrator.HealingFixture;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryRun;
import dev.selfheal.recovery.Risk;
import dev.selfheal.recovery.ScriptedAction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The engine leaves one record per run, with the situation, each step and the verdict. */
class RecoveryRecordsTest {

    @Test
    void a_run_that_fails_once_and_then_recovers_leaves_one_record_with_both_steps_and_its_situation() {
        // Given a worker whose restart fails and whose second action brings it back, while a database is down too
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean worker = f.component("worker", "process");
        AtomicBoolean db = f.component("db", "database");
        f.catalog.map(ProblemType.PROCESS_DOWN, List.of("restart_service", "kill_and_start"));
        f.catalog.register(new ScriptedAction("restart_service").does(c -> ActionResult.failed("no pid")))
                .register(new ScriptedAction("kill_and_start").risk(Risk.MEDIUM).does(c -> {
                    worker.set(true);
                    return ActionResult.ok("started");
                }));
        f.catalog.map(ProblemType.COMPONENT_UNHEALTHY, List.of());
        f.start();

        // When both go down and the worker is healed
        db.set(false);
        worker.set(false);
        f.scheduler.advance(Duration.ofSeconds(40));

        // Then the worker's run is one record: kind from its group, the other unhealthy component, both steps
        List<RecoveryRecord> records = f.learning.records().before(Long.MAX_VALUE, 10).stream()
                .filter(r -> r.component().equals("worker")).toList();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("process");
            assertThat(r.problemTypes()).containsExactly(ProblemType.PROCESS_DOWN);
            assertThat(r.othersUnhealthy()).containsExactly("db");
            assertThat(r.plan()).containsExactly("restart_service", "kill_and_start");
            assertThat(r.steps()).extracting(RecoveryRun.Step::action, RecoveryRun.Step::status, RecoveryRun.Step::verified)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("restart_service", "FAILED", false),
                            org.assertj.core.groups.Tuple.tuple("kill_and_start", "SUCCEEDED", true));
            assertThat(r.outcome()).isEqualTo(IncidentState.RESOLVED);
            assertThat(r.verified()).isTrue();
            assertThat(r.fixedBy()).contains("kill_and_start");
            assertThat(r.timeToRecovery()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(40));
            assertThat(r.sinceLastIncident()).isEmpty();
        });
    }

    @Test
    void the_second_incident_of_a_component_knows_how_long_since_the_first() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean worker = f.component("worker", "process");
        f.catalog.register(new ScriptedAction("restart_service").cooldown(Duration.ZERO).does(c -> {
            worker.set(true);
            return ActionResult.ok("started");
        }));
        f.start();

        worker.set(false);
        f.scheduler.advance(Duration.ofMinutes(5));
        worker.set(false);
        f.scheduler.advance(Duration.ofMinutes(5));

        List<RecoveryRecord> records = f.learning.records().after(0, 10);
        assertThat(records).hasSize(2);
        assertThat(records.get(1).sinceLastIncident()).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6)));
    }

    @Test
    void an_escalated_run_is_recorded_unverified() {
        HealingFixture f = new HealingFixture(HealingFixture.policy());
        AtomicBoolean worker = f.component("worker", "process");
        f.catalog.register(new ScriptedAction("restart_service").does(c -> ActionResult.ok("said so, but it stays down")));
        f.start();

        worker.set(false);
        f.scheduler.advance(Duration.ofMinutes(2));

        assertThat(f.learning.records().after(0, 10)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(IncidentState.ESCALATED);
            assertThat(r.verified()).isFalse();
            assertThat(r.steps()).extracting(RecoveryRun.Step::verified).containsExactly(false);
        });
    }
}
