package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.events.EventBus;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.recovery.RecoveryJournalEntry;
import dev.selfheal.recovery.Verifier;
import dev.selfheal.time.SystemScheduler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real engine JVM in the middle of a step, and starts a fresh engine on its SQLite file. */
class JournalCrashTest {

    @Test
    void a_step_cut_off_by_a_killed_jvm_is_found_interrupted_and_not_run_again(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("selfheal.db");
        String java = ProcessHandle.current().info().command().orElse("java");

        // Given a child JVM whose engine is in the middle of a slow step
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JournalCrashChild.class.getName(), file.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean running = false;
            while ((line = out.readLine()) != null) {
                if (line.contains("STEP_RUNNING")) {
                    running = true;
                    break;
                }
            }
            assertThat(running).as("the child reached the step").isTrue();

            // When it is killed
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // Then a fresh engine on the same file finds the step INTERRUPTED and does not run it again
        try (Database database = Database.open("jdbc:sqlite:" + file, null, null); SystemScheduler scheduler = new SystemScheduler()) {
            JdbcRecoveryJournal journal = new JdbcRecoveryJournal(database);
            assertThat(journal.running()).hasSize(1);
            EventBus bus = new EventBus();
            IncidentManager incidents = new IncidentManager(new JdbcIncidentStore(database), bus, scheduler.clock(), Duration.ofMinutes(5));
            AtomicInteger executions = new AtomicInteger();
            RecoveryAction restart = new RecoveryAction() {
                @Override public String name() { return "restart_service"; }
                @Override public ActionResult execute(dev.selfheal.recovery.ActionContext context) {
                    executions.incrementAndGet();
                    return ActionResult.ok("ran");
                }
            };
            RecoveryEngine engine = RecoveryEngine.builder(new RecoveryActionCatalog().register(restart), incidents, journal, scheduler, bus)
                    .verifier((c, w) -> CompletableFuture.completedFuture(new Verifier.Verification(true, "ok")))
                    .executor(Runnable::run).build();

            List<RecoveryJournalEntry> interrupted = engine.recoverJournal();

            assertThat(interrupted).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo("restart_service"));
            RecoveryJournalEntry after = journal.find(interrupted.getFirst().stepId()).orElseThrow();
            assertThat(after.status()).isEqualTo(RecoveryJournalEntry.Status.INTERRUPTED);
            assertThat(after.endedAt()).isPresent();
            assertThat(journal.running()).isEmpty();
            assertThat(executions).hasValue(0);
            Incident incident = incidents.get(after.incidentId()).orElseThrow();
            assertThat(incident.state()).isEqualTo(IncidentState.ESCALATED);
            assertThat(incident.timeline()).extracting(TimelineEntry::kind).contains(TimelineEntry.Kind.STEP_STARTED, TimelineEntry.Kind.STEP_ENDED);
            assertThat(incident.timeline()).anySatisfy(e -> assertThat(e.message())
                    .contains("restart_service was interrupted mid-step by a crash and is not re-run blindly"));
        }
    }
}
