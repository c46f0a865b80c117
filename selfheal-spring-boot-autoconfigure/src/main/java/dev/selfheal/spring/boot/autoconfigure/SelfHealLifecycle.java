package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.orchestrator.SelfHealingOrchestrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the loop once the application's beans are ready and stops it before they go: registers
 * every {@link CheckSource}'s checks, starts the orchestrator (which first recovers the journal)
 * before the checks, so no transition is missed, then the performance watch. Stopping waits for
 * the recovery steps under way, so none writes to a store that is closing.
 */
final class SelfHealLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SelfHealLifecycle.class);

    private final HealthCheckManager health;
    private final SelfHealingOrchestrator orchestrator;
    private final ObjectProvider<CheckSource> sources;
    private final ObjectProvider<PerformanceWatch> performance;
    private final RecoverySteps steps;
    private volatile boolean running;

    SelfHealLifecycle(HealthCheckManager health, SelfHealingOrchestrator orchestrator, ObjectProvider<CheckSource> sources,
                      ObjectProvider<PerformanceWatch> performance, RecoverySteps steps) {
        this.steps = steps;
        this.health = health;
        this.orchestrator = orchestrator;
        this.sources = sources;
        this.performance = performance;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        sources.orderedStream().forEach(source -> {
            for (CheckDefinition check : source.checks()) {
                if (health.definition(check.name()).isEmpty()) {
                    health.register(check);
                }
            }
        });
        orchestrator.start();
        health.start();
        performance.ifAvailable(PerformanceWatch::start);
        running = true;
        log.info("event=selfheal_started checks={}", health.size());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        performance.ifAvailable(PerformanceWatch::stop);
        orchestrator.close();
        health.close();
        steps.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server has started (it starts at DEFAULT_PHASE - 2048), and stopped before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
