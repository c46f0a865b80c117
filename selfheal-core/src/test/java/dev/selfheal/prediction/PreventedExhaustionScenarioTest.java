package dev.selfheal.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.events.EventBus;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.incident.InMemoryIncidentStore;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.orchestrator.SelfHealingOrchestrator;
import dev.selfheal.prediction.gauges.ProcessMemoryGauge;
import dev.selfheal.recovery.HealthVerifier;
import dev.selfheal.recovery.InMemoryRecoveryJournal;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.recovery.RecoveryPolicy;
import dev.selfheal.recovery.actions.RestartServiceAction;
import dev.selfheal.recovery.process.ProcessSpec;
import dev.selfheal.recovery.process.ProcessSupervisor;
import dev.selfheal.recovery.process.SupervisedProcess;
import dev.selfheal.time.SystemScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop in real time against a real child process that leaks memory and dies when its
 * resident memory reaches 160 MB (as the OOM killer or a container limit would end it).
 */
class PreventedExhaustionScenarioTest {

    private static final long LIMIT = 160L * 1024 * 1024;

    /** Leaks 4 MB a second; at the limit it writes a marker file and exits 137, like an OOM kill. */
    private static final String LEAKER = """
            import sys, time
            held = []
            limit, marker = int(sys.argv[1]), sys.argv[2]
            while True:
                held.append(b'x' * 400_000)
                for line in open('/proc/self/status'):
                    if line.startswith('VmRSS:') and int(line.split()[1]) * 1024 >= limit:
                        open(marker, 'a').write('out of memory\\n')
                        sys.exit(137)
                time.sleep(0.1)
            """;

    private final SystemScheduler scheduler = new SystemScheduler();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ProcessSupervisor supervisor = new ProcessSupervisor();
    private HealthCheckManager health;
    private SelfHealingOrchestrator orchestrator;
    private ExhaustionPredictor predictor;

    @AfterEach
    void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {predictor, orchestrator, health}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
        supervisor.close();
        threads.shutdownNow();
        scheduler.close();
    }

    @Test
    void a_leaking_child_is_restarted_before_it_runs_out_of_memory_and_never_crashes(@TempDir Path dir) throws Exception {
        // Given a supervised child that leaks towards its memory limit, a predictor reading its resident memory,
        // and the healing loop mapping predicted_exhaustion_memory to restart_service
        Path script = Files.writeString(dir.resolve("leaker.py"), LEAKER);
        Path crashes = dir.resolve("crashes");
        EventBus bus = new EventBus();
        SupervisedProcess worker = supervisor.supervise("worker",
                ProcessSpec.of("python3", script.toString(), Long.toString(LIMIT), crashes.toString()).withGrace(Duration.ofSeconds(2)));
        health = new HealthCheckManager(scheduler, threads, bus, HealthSettings.defaults().withJitter(0, 1));
        health.register(CheckDefinition.builder("worker", worker.healthCheck()).group("process")
                .interval(Duration.ofMillis(200)).timeout(Duration.ofSeconds(2)).failureThreshold(2).successThreshold(1).build());
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        IncidentManager incidents = new IncidentManager(store, bus, scheduler.clock(), IncidentManager.DEFAULT_MERGE_WINDOW);
        RecoveryActionCatalog catalog = new RecoveryActionCatalog().register(new RestartServiceAction().register("worker", worker))
                .map(ProblemType.PREDICTED_MEMORY_EXHAUSTION, List.of("restart_service"));
        RecoveryPolicy policy = RecoveryPolicy.defaults().withVerification(Duration.ofSeconds(10), Duration.ofMillis(200));
        PredictionSettings settings = PredictionSettings.defaults().withInterval(Duration.ofMillis(250))
                .withHorizon(Duration.ofSeconds(15)).withRecentWindow(Duration.ofSeconds(20)).withMinReadings(12)
                .withPersistence(Duration.ofSeconds(1));
        predictor = new ExhaustionPredictor(List.of(new ProcessMemoryGauge("worker", worker::pid, LIMIT)),
                ForecastSelector.standard(), settings, p -> orchestrator.report(p), scheduler).releaseOnRecovery(bus);
        RecoveryEngine engine = RecoveryEngine.builder(catalog, incidents, new InMemoryRecoveryJournal(), scheduler, bus)
                .verifier(new HealthVerifier(health, bus, scheduler, policy.verificationPoll()).withStandingConditions(predictor))
                .executor(threads).policy(policy).build();
        orchestrator = SelfHealingOrchestrator.builder(scheduler, bus, incidents, engine).health(health).build();
        long firstPid = worker.pid().orElseThrow();

        // When it runs: the leak would end it after about 40 s
        health.start();
        orchestrator.start();
        predictor.start();

        // Then a predicted exhaustion opens an incident, restart_service runs before the limit, and it is verified
        await().atMost(Duration.ofSeconds(90)).until(() -> store.recent(5).stream().anyMatch(Incident::isResolved));
        Incident incident = store.recent(5).stream().filter(Incident::isResolved).findFirst().orElseThrow();
        assertThat(incident.component()).isEqualTo("worker");
        assertThat(incident.problemTypes()).containsExactly(ProblemType.PREDICTED_MEMORY_EXHAUSTION);
        assertThat(incident.timeline()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.SIGNAL);
            assertThat(e.message()).contains("memory of worker will be exhausted in about");
        });
        assertThat(incident.timeline()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.STEP_ENDED);
            assertThat(e.data()).containsEntry("action", "restart_service").containsEntry("outcome", "SUCCEEDED");
        });
        assertThat(worker.pid().orElseThrow()).isNotEqualTo(firstPid);
        assertThat(worker.isAlive()).isTrue();
        assertThat(crashes).as("the child never reached its memory limit").doesNotExist();
    }
}
