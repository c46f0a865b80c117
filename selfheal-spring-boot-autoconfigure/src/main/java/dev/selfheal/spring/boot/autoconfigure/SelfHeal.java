package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.orchestrator.SelfHealingOrchestrator;
import dev.selfheal.recovery.RecoveryEngine;
import java.util.List;

/** The application's handle on the healing loop: feature checks, problems it finds itself, incidents, approvals. */
public final class SelfHeal {

    private final Degradation degradation;
    private final SelfHealingOrchestrator orchestrator;
    private final IncidentManager incidents;
    private final RecoveryEngine engine;

    SelfHeal(DegradationManager degradation, SelfHealingOrchestrator orchestrator, IncidentManager incidents,
             RecoveryEngine engine) {
        this.degradation = new Degradation(degradation);
        this.orchestrator = orchestrator;
        this.incidents = incidents;
        this.engine = engine;
    }

    public Degradation degradation() {
        return degradation;
    }

    /** Reports a problem the application found itself; returns at once, the loop acts on it. */
    public void report(Problem problem) {
        orchestrator.report(problem);
    }

    public List<Incident> openIncidents() {
        return incidents.unresolved();
    }

    /** Approves the pending HIGH-risk step of an incident's plan. */
    public void approve(String incidentId, String by) {
        engine.approve(incidentId, by);
    }
}
