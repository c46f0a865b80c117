package dev.selfheal.store.jdbc;

import dev.selfheal.events.EventBus;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.recovery.Verifier;
import dev.selfheal.time.SystemScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The child JVM of {@link JournalCrashTest}: a healing engine on a SQLite journal whose only
 * action is slow. It prints STEP_RUNNING once the step has been journaled and is executing, then
 * waits to be killed.
 */
public final class JournalCrashChild {

    public static void main(String[] args) throws Exception {
        Database database = Database.open("jdbc:sqlite:" + args[0], null, null);
        EventBus bus = new EventBus();
        SystemScheduler scheduler = new SystemScheduler();
        IncidentManager incidents = new IncidentManager(new JdbcIncidentStore(database), bus, scheduler.clock(), Duration.ofMinutes(5));
        RecoveryAction slow = new RecoveryAction() {
            @Override public String name() { return "restart_service"; }
            @Override public Duration timeout() { return Duration.ofMinutes(10); }
            @Override public ActionResult execute(dev.selfheal.recovery.ActionContext context) throws Exception {
                System.out.println("STEP_RUNNING");
                System.out.flush();
                Thread.sleep(Duration.ofMinutes(5));
                return ActionResult.ok("finished (should never get here)");
            }
        };
        RecoveryEngine engine = RecoveryEngine.builder(new RecoveryActionCatalog().register(slow), incidents,
                        new JdbcRecoveryJournal(database), scheduler, bus)
                .verifier((component, window) -> CompletableFuture.completedFuture(new Verifier.Verification(false, "never verified")))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        var incident = incidents.accept(new Problem(ProblemType.PROCESS_DOWN, "worker", Severity.HIGH, "worker died", "test",
                scheduler.clock().instant())).incident();
        engine.handle(incident.id());
        Thread.sleep(Duration.ofMinutes(5));
    }
}
