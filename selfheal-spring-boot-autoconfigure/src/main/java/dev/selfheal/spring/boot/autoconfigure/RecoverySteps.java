package dev.selfheal.spring.boot.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the recovery engine runs its steps: one virtual thread each. Closing waits a short while
 * for the steps under way, then interrupts them, so that shutdown never races a step's last write.
 */
final class RecoverySteps implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecoverySteps.class);
    private static final long DRAIN_SECONDS = 10;

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("selfheal-step-", 0).factory());

    @Override
    public void execute(Runnable step) {
        threads.execute(step);
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                log.warn("event=recovery_steps_interrupted reason=\"still running {} s after shutdown began\"", DRAIN_SECONDS);
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
