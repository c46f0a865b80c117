package dev.selfheal.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.cluster.FencedOutException;
import dev.selfheal.cluster.FencingToken;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.InMemoryRecoveryJournal;
import dev.selfheal.recovery.RecoveryJournalEntry;
import dev.selfheal.recovery.ScriptedAction;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A node that no longer holds the lease does not act, and leaves the incident to the new leader. */
class FencedHealingTest {

    private final AtomicBoolean leading = new AtomicBoolean(true);
    private final FencingToken token = new FencingToken("leader", "a", "i-1", 7);

    @Test
    void a_step_the_journal_refuses_under_a_stale_token_is_not_run_and_nothing_is_escalated() {
        // Given a journal that, like the fenced JDBC one, refuses a begin once this node was deposed
        InMemoryRecoveryJournal memory = new InMemoryRecoveryJournal();
        RefusingJournal journal = new RefusingJournal(memory, leading);
        HealingFixture f = new HealingFixture(HealingFixture.policy(), Runnable::run, journal, () -> Optional.of(token));
        AtomicBoolean worker = f.component("worker", "process");
        ScriptedAction restart = new ScriptedAction("restart_service").does(c -> {
            worker.set(true);
            return ActionResult.ok("restarted");
        });
        f.catalog.register(restart);
        f.start();

        // When the node was deposed (its journal refuses) and the worker goes down
        leading.set(false);
        worker.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));

        // Then nothing ran, no step is journaled, and the incident is not escalated by a node that may not act
        Incident incident = f.onlyIncident();
        assertThat(restart.executions).isEmpty();
        assertThat(memory.forIncident(incident.id())).isEmpty();
        assertThat(incident.state()).isEqualTo(IncidentState.MITIGATING);
        assertThat(f.engine.runsFencedOut()).isEqualTo(1);
        assertThat(f.engine.isWorking(incident.id())).isFalse();
    }

    @Test
    void a_node_that_loses_the_lease_between_journaling_a_step_and_running_it_does_not_act() {
        // Given a fence that empties once the step is journaled (the node paused right after the commit)
        InMemoryRecoveryJournal memory = new InMemoryRecoveryJournal();
        RefusingJournal journal = new RefusingJournal(memory, leading) {
            @Override
            public void begin(RecoveryJournalEntry entry) {
                super.begin(entry);
                leading.set(false);
            }
        };
        HealingFixture f = new HealingFixture(HealingFixture.policy(), Runnable::run, journal,
                () -> leading.get() ? Optional.of(token) : Optional.empty());
        AtomicBoolean worker = f.component("worker", "process");
        ScriptedAction restart = new ScriptedAction("restart_service").does(c -> ActionResult.ok("restarted"));
        f.catalog.register(restart);
        f.start();

        worker.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));

        Incident incident = f.onlyIncident();
        assertThat(restart.executions).isEmpty();
        assertThat(memory.forIncident(incident.id())).singleElement().satisfies(step -> {
            assertThat(step.status()).isEqualTo(RecoveryJournalEntry.Status.FAILED);
            assertThat(step.message()).contains("lost the lease");
        });
    }

    @Test
    void while_the_node_leads_it_acts_as_a_single_node_would() {
        InMemoryRecoveryJournal memory = new InMemoryRecoveryJournal();
        HealingFixture f = new HealingFixture(HealingFixture.policy(), Runnable::run, new RefusingJournal(memory, leading),
                () -> Optional.of(token));
        AtomicBoolean worker = f.component("worker", "process");
        ScriptedAction restart = new ScriptedAction("restart_service").does(c -> {
            worker.set(true);
            return ActionResult.ok("restarted");
        });
        f.catalog.register(restart);
        f.start();

        worker.set(false);
        f.scheduler.advance(Duration.ofSeconds(25));

        assertThat(restart.executions).hasSize(1);
        assertThat(f.onlyIncident().state()).isEqualTo(IncidentState.RESOLVED);
    }

    /** Delegates to memory; refuses to begin a step while {@code leading} is false. */
    private static class RefusingJournal implements dev.selfheal.recovery.RecoveryJournal {
        private final InMemoryRecoveryJournal memory;
        private final AtomicBoolean leading;

        RefusingJournal(InMemoryRecoveryJournal memory, AtomicBoolean leading) {
            this.memory = memory;
            this.leading = leading;
        }

        @Override
        public void begin(RecoveryJournalEntry entry) {
            if (!leading.get()) {
                throw new FencedOutException("token 7 of lease 'leader' is no longer current");
            }
            memory.begin(entry);
        }

        @Override
        public boolean end(String stepId, RecoveryJournalEntry.Status outcome, java.time.Instant at, String message) {
            return memory.end(stepId, outcome, at, message);
        }

        @Override
        public Optional<RecoveryJournalEntry> find(String stepId) {
            return memory.find(stepId);
        }

        @Override
        public java.util.List<RecoveryJournalEntry> running() {
            return memory.running();
        }

        @Override
        public java.util.List<RecoveryJournalEntry> since(String component, java.time.Instant since) {
            return memory.since(component, since);
        }

        @Override
        public java.util.List<RecoveryJournalEntry> forIncident(String incidentId) {
            return memory.forIncident(incidentId);
        }
    }
}
