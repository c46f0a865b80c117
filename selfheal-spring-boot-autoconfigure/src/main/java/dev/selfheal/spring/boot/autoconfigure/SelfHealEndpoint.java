package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.recovery.PlannedStep;
import dev.selfheal.recovery.RecoveryEngine;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/selfheal}: the degradation level, the checks, the open and recent incidents
 * with their plans; {@code /actuator/selfheal/{id}} one incident's timeline; a POST there with
 * {@code {"by": "alice"}} approves its pending HIGH-risk step. Exposed and secured like every
 * Actuator endpoint: {@code management.endpoints.web.exposure.include}, and the application's
 * Spring Security rules when it has them.
 */
@Endpoint(id = "selfheal")
public class SelfHealEndpoint {

    private static final int RECENT = 20;

    private final SelfHealLifecycle lifecycle;
    private final ObjectProvider<IncidentManager> incidentManager;
    private final ObjectProvider<RecoveryEngine> recoveryEngine;
    private final DegradationManager degradation;
    private final ObjectProvider<HealthCheckManager> healthChecks;

    SelfHealEndpoint(SelfHealLifecycle lifecycle, ObjectProvider<IncidentManager> incidents, ObjectProvider<RecoveryEngine> engine,
                     DegradationManager degradation, ObjectProvider<HealthCheckManager> health) {
        this.lifecycle = lifecycle;
        this.incidentManager = incidents;
        this.recoveryEngine = engine;
        this.degradation = degradation;
        this.healthChecks = health;
    }

    /** The degradation level at once; while the loop starts, only that and {@code loop: starting}. */
    @ReadOperation
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        SelfHealLifecycle.State loop = lifecycle.state();
        out.put("loop", loop.name().toLowerCase(java.util.Locale.ROOT));
        lifecycle.failure().ifPresent(f -> out.put("error", f));
        DegradationManager.State state = degradation.state();
        out.put("degradation", Map.of("level", state.level().number(), "label", state.level().label(),
                "disabled_features", state.level().disabled()));
        if (loop != SelfHealLifecycle.State.RUNNING) {
            return out;
        }
        IncidentManager incidents = incidentManager.getObject();
        RecoveryEngine engine = recoveryEngine.getObject();
        HealthCheckManager health = healthChecks.getObject();
        Map<String, Object> checks = new LinkedHashMap<>();
        health.report().groups().forEach(group -> group.components().forEach(component ->
                checks.put(component.name(), Map.of("group", group.name(), "status", component.status().name(),
                        "message", component.message()))));
        out.put("checks", checks);
        out.put("actions", engine.catalog().names());
        out.put("open_incidents", incidents.unresolved().stream().map(this::brief).toList());
        out.put("recent_incidents", incidents.recent(RECENT).stream().map(this::brief).toList());
        return out;
    }

    /** One incident with its timeline; waits for the loop during its start. */
    @ReadOperation
    public Map<String, Object> incident(@Selector String id) {
        lifecycle.awaitRunning();
        Incident incident = incidentManager.getObject().get(id).orElse(null);
        if (incident == null) {
            return null; // Actuator answers 404
        }
        Map<String, Object> out = brief(incident);
        out.put("problems", incident.problems().stream().map(SelfHealEndpoint::problem).toList());
        out.put("timeline", incident.timeline().stream().map(SelfHealEndpoint::entry).toList());
        return out;
    }

    /**
     * Approves the incident's pending step. The approver is the authenticated user when the
     * application's security knows one (the body's {@code by} cannot claim another name), else
     * the body's {@code by}, else {@code actuator}.
     */
    @WriteOperation
    public Map<String, Object> approve(@Selector String id, @Nullable String by, SecurityContext security) {
        lifecycle.awaitRunning();
        if (incidentManager.getObject().get(id).isEmpty()) {
            return null;
        }
        recoveryEngine.getObject().approve(id, approver(by, security));
        return incident(id);
    }

    static String approver(@Nullable String by, @Nullable SecurityContext security) {
        Principal principal = security == null ? null : security.getPrincipal();
        if (principal != null && principal.getName() != null && !principal.getName().isBlank()) {
            return principal.getName();
        }
        return by == null || by.isBlank() ? "actuator" : by;
    }

    private Map<String, Object> brief(Incident incident) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", incident.id());
        out.put("component", incident.component());
        out.put("state", incident.state().name());
        out.put("severity", incident.severity().name());
        out.put("problem_types", incident.problemTypes().stream().map(Object::toString).toList());
        out.put("opened_at", incident.openedAt().toString());
        incident.closedAt().ifPresent(at -> out.put("closed_at", at.toString()));
        recoveryEngine.getObject().activePlan(incident.id()).ifPresent(plan -> out.put("plan",
                plan.steps().stream().map(PlannedStep::action).map(a -> a.name()).toList()));
        return out;
    }

    private static Map<String, Object> problem(Problem p) {
        return Map.of("type", p.type().toString(), "severity", p.severity().name(), "evidence", p.evidence(),
                "source", p.source(), "at", p.at().toString());
    }

    private static Map<String, Object> entry(TimelineEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", e.at().toString());
        out.put("kind", e.kind().name());
        out.put("message", e.message());
        if (!e.data().isEmpty()) {
            out.put("data", e.data());
        }
        return out;
    }

}
