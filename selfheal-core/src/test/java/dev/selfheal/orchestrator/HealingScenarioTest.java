package dev.selfheal.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.events.EventBus;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.incident.InMemoryIncidentStore;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.recovery.HealthVerifier;
import dev.selfheal.recovery.InMemoryRecoveryJournal;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.recovery.RecoveryJournalEntry;
import dev.selfheal.recovery.RecoveryPolicy;
import dev.selfheal.recovery.actions.RestartServiceAction;
import dev.selfheal.recovery.process.ProcessSpec;
import dev.selfheal.recovery.process.ProcessSupervisor;
import dev.selfheal.recovery.process.SupervisedProcess;
import dev.selfheal.time.SystemScheduler;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole loop in real time against a real child process. */
class HealingScenarioTest {

    private final SystemScheduler scheduler = new SystemScheduler();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ProcessSupervisor supervisor = new ProcessSupervisor();
    private HealthCheckManager health;
    private SelfHealingOrchestrator orchestrator;

    @AfterEach
    void tearDown() {
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (health != null) {
            health.close();
        }
        supervisor.close();
        threads.shutdownNow();
        scheduler.close();
    }

    @Test
    void a_killed_child_process_is_detected_restarted_and_verified_and_the_incident_tells_the_story() throws Exception {
        // Given a supervised child watched by a process check (by pid), and the healing loop
        EventBus bus = new EventBus();
        SupervisedProcess worker = supervisor.supervise("worker", ProcessSpec.of("sleep", "300").withGrace(Duration.ofSeconds(2)));
        health = new HealthCheckManager(scheduler, threads, bus, HealthSettings.defaults().withJitter(0, 1));
        health.register(CheckDefinition.builder("worker", worker.healthCheck()).group("process")
                .interval(Duration.ofMillis(200)).timeout(Duration.ofSeconds(2)).failureThreshold(2).successThreshold(2).build());
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        IncidentManager incidents = new IncidentManager(store, bus, scheduler.clock(), IncidentManager.DEFAULT_MERGE_WINDOW);
        RecoveryActionCatalog catalog = new RecoveryActionCatalog().register(new RestartServiceAction().register("worker", worker));
        InMemoryRecoveryJournal journal = new InMemoryRecoveryJournal();
        RecoveryPolicy policy = RecoveryPolicy.defaults().withVerification(Duration.ofSeconds(10), Duration.ofMillis(200));
        RecoveryEngine engine = RecoveryEngine.builder(catalog, incidents, journal, scheduler, bus)
                .verifier(new HealthVerifier(health, bus, scheduler, policy.verificationPoll()))
                .executor(threads).policy(policy).build();
        orchestrator = SelfHealingOrchestrator.builder(scheduler, bus, incidents, engine).health(health).build();
        health.start();
        orchestrator.start();
        long firstPid = worker.pid().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> health.component("worker").orElseThrow().status().name().equals("HEALTHY"));

        // When the child is killed
        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

        // Then an incident opens, restart_service restarts it, the check passes, the incident resolves
        await().atMost(Duration.ofSeconds(20)).until(() -> store.recent(1).stream().anyMatch(Incident::isResolved));
        Incident incident = store.recent(1).getFirst();
        long secondPid = worker.pid().orElseThrow();
        assertThat(secondPid).isNotEqualTo(firstPid);
        assertThat(worker.isAlive()).isTrue();
        assertThat(incident.component()).isEqualTo("worker");
        assertThat(incident.problemTypes()).containsExactly(ProblemType.PROCESS_DOWN);
        assertThat(incident.timeline()).extracting(TimelineEntry::kind).containsSubsequence(
                TimelineEntry.Kind.SIGNAL, TimelineEntry.Kind.STATE, TimelineEntry.Kind.PLAN, TimelineEntry.Kind.STEP_STARTED,
                TimelineEntry.Kind.STEP_ENDED, TimelineEntry.Kind.VERIFICATION, TimelineEntry.Kind.STATE);
        assertThat(incident.timeline()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.STEP_ENDED);
            assertThat(e.data()).containsEntry("action", "restart_service").containsEntry("outcome", "SUCCEEDED")
                    .containsEntry("old_pid", Long.toString(firstPid)).containsEntry("new_pid", Long.toString(secondPid));
        });
        assertThat(incident.timeline().getLast().message()).startsWith("verified after restart_service: worker is HEALTHY");
        assertThat(journal.forIncident(incident.id())).extracting(RecoveryJournalEntry::status)
                .containsExactly(RecoveryJournalEntry.Status.SUCCEEDED);
        Duration mttr = Duration.between(incident.openedAt(), incident.closedAt().orElseThrow());
        assertThat(mttr).isLessThan(Duration.ofSeconds(10));
    }
}
