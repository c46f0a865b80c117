package dev.selfheal.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.selfheal.incident.Incident;
import dev.selfheal.orchestrator.HealingFixture;
import dev.selfheal.recovery.RecoveryEngineTest.HoldingExecutor;
import dev.selfheal.recovery.RecoveryJournalEntry.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The engine stops before its stores close: a step in flight ends in the journal, or is reported interrupted, never a stack trace. */
class RecoveryEngineShutdownTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger engineLog = (Logger) LoggerFactory.getLogger(RecoveryEngine.class);

    @BeforeEach
    void listen() {
        logged.start();
        engineLog.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        engineLog.detachAppender(logged);
    }

    /** A journal on a database that can be closed: used after that, it throws as a closed pool does. */
    static final class ClosableJournal implements RecoveryJournal {
        final InMemoryRecoveryJournal entries = new InMemoryRecoveryJournal();
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicInteger usedAfterClose = new AtomicInteger();

        private void open() {
            if (closed.get()) {
                usedAfterClose.incrementAndGet();
                throw new IllegalStateException("HikariDataSource (test) has been closed.");
            }
        }

        @Override
        public void begin(RecoveryJournalEntry entry) {
            open();
            entries.begin(entry);
        }

        @Override
        public boolean end(String stepId, Status outcome, Instant at, String message) {
            open();
            return entries.end(stepId, outcome, at, message);
        }

        @Override
        public Optional<RecoveryJournalEntry> find(String stepId) {
            open();
            return entries.find(stepId);
        }

        @Override
        public List<RecoveryJournalEntry> running() {
            open();
            return entries.running();
        }

        @Override
        public List<RecoveryJournalEntry> since(String component, Instant since) {
            open();
            return entries.since(component, since);
        }

        @Override
        public List<RecoveryJournalEntry> forIncident(String incidentId) {
            open();
            return entries.forIncident(incidentId);
        }
    }

    private static HealingFixture stepInFlight(HoldingExecutor holding, ClosableJournal journal) {
        HealingFixture f = new HealingFixture(HealingFixture.policy(), holding, journal);
        AtomicBoolean worker = f.component("worker", "process");
        f.catalog.register(new ScriptedAction("restart_service").does(c -> {
            worker.set(true);
            return ActionResult.ok("restarted");
        }));
        f.start();
        worker.set(false);
        f.scheduler.advance(Duration.ofSeconds(10));
        assertThat(holding.size()).as("the restart is journaled RUNNING and its body has not run yet").isEqualTo(1);
        return f;
    }

    @Test
    void a_step_that_ends_after_stop_was_called_has_its_end_journaled_before_stop_returns() throws Exception {
        HoldingExecutor holding = new HoldingExecutor();
        ClosableJournal journal = new ClosableJournal();
        HealingFixture f = stepInFlight(holding, journal);

        CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(() -> f.orchestrator.stop(Duration.ofMinutes(5)));
        await().atMost(Duration.ofSeconds(60)).until(f.engine::isStopping);
        assertThat(stop).as("stop waits for the step in flight").isNotDone();
        holding.runNext();

        assertThat(stop.get(60, TimeUnit.SECONDS)).isTrue();
        journal.closed.set(true); // what the daemon does once the healing loop has stopped
        Incident incident = f.onlyIncident();
        assertThat(journal.entries.forIncident(incident.id())).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(Status.SUCCEEDED));
        assertThat(f.timeline(incident)).anyMatch(l -> l.startsWith("STEP_ENDED restart_service SUCCEEDED"));
        f.scheduler.advance(Duration.ofMinutes(1)); // verification and later steps do not start after stop
        assertThat(journal.usedAfterClose).hasValue(0);
        assertThat(f.engine.stepsInterruptedByShutdown()).isZero();
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.ERROR || e.getThrowableProxy() != null);
    }

    @Test
    void a_step_still_running_past_the_bound_is_reported_once_as_interrupted_and_writes_nothing_when_it_ends() {
        HoldingExecutor holding = new HoldingExecutor();
        ClosableJournal journal = new ClosableJournal();
        HealingFixture f = stepInFlight(holding, journal);

        assertThat(f.orchestrator.stop(Duration.ZERO)).isFalse();
        journal.closed.set(true);
        holding.runNext(); // the step ends after the database closed
        f.scheduler.advance(Duration.ofMinutes(1));

        assertThat(journal.usedAfterClose).as("nothing touches the closed database").hasValue(0);
        assertThat(f.engine.stepsInterruptedByShutdown()).isEqualTo(1);
        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().startsWith("event=recovery_step_interrupted_by_shutdown"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.WARN);
                    assertThat(e.getThrowableProxy()).isNull();
                    assertThat(e.getFormattedMessage()).contains("action=restart_service");
                });
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.ERROR || e.getThrowableProxy() != null);
        // the row stays RUNNING, so the next start marks it INTERRUPTED
        journal.closed.set(false);
        assertThat(journal.running()).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo("restart_service"));
    }
}
