package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.orchestrator.SelfHealingOrchestrator;
import dev.selfheal.recovery.RecoveryEngine;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The application's handle on the healing loop: feature checks, problems it finds itself,
 * incidents, approvals. Feature checks answer at once from the start; the loop itself starts in
 * the background once the application has started (see {@link SelfHealLifecycle}), so what needs
 * its store waits for it during those first seconds.
 */
public final class SelfHeal {

    private final Degradation degradation;
    private final SelfHealLifecycle lifecycle;
    private final ObjectProvider<SelfHealingOrchestrator> orchestrator;
    private final ObjectProvider<IncidentManager> incidents;
    private final ObjectProvider<RecoveryEngine> engine;

    SelfHeal(DegradationManager degradation, SelfHealLifecycle lifecycle, ObjectProvider<SelfHealingOrchestrator> orchestrator,
             ObjectProvider<IncidentManager> incidents, ObjectProvider<RecoveryEngine> engine) {
        this.degradation = new Degradation(degradation);
        this.lifecycle = lifecycle;
        this.orchestrator = orchestrator;
        this.incidents = incidents;
        this.engine = engine;
    }

    public Degradation degradation() {
        return degradation;
    }

    /** Reports a problem the application found itself; returns at once, the loop acts on it (once it runs). */
    public void report(Problem problem) {
        lifecycle.whenRunning().thenRun(() -> orchestrator.getObject().report(problem));
    }

    /** The unresolved incidents; waits for the loop during its start. */
    public List<Incident> openIncidents() {
        lifecycle.awaitRunning();
        return incidents.getObject().unresolved();
    }

    /** Approves the pending HIGH-risk step of an incident's plan; waits for the loop during its start. */
    public void approve(String incidentId, String by) {
        lifecycle.awaitRunning();
        engine.getObject().approve(incidentId, by);
    }

    /** Whether the loop runs: false during the first seconds after the application started, while the store opens. */
    public boolean running() {
        return lifecycle.state() == SelfHealLifecycle.State.RUNNING;
    }
}
