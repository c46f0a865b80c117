package dev.selfheal.alerting.rules;

import dev.selfheal.alerting.AlertSeverity;
import dev.selfheal.alerting.Matcher;
import dev.selfheal.alerting.Urgency;
import dev.selfheal.incident.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides an alert's severity and urgency.
 *
 * <ol>
 *   <li>Severity starts from what the signal says, else the problem type's default (the built-in
 *       types: process_down and database_issues critical, the rest warning; configurable).</li>
 *   <li>A degraded service raises it: at level 3 (read only) at least critical, at level 4
 *       (maintenance mode) emergency.</li>
 *   <li>Urgency: critical and worse are high; warning is high in business hours and low
 *       outside; info is low.</li>
 *   <li>Then the configured rules, in order: the first matching rule that sets a field wins.</li>
 * </ol>
 *
 * <p>An incident's alert states {@link #incidentSeverity}: its problem type's default, which the
 * problem's own severity can lower but not raise (a LOW problem is info, a MEDIUM one at most
 * warning, a HIGH one at most the type's default), except that a CRITICAL problem is never capped
 * and is at least critical (emergency, as {@link AlertSeverity#of} maps it). So a HIGH breaker
 * opening ({@code integration_failure}) is a warning and waits the healing grace, while a HIGH
 * {@code process_down} is critical and is sent at once. Steps 2 to 4 then apply to it as to any
 * alert. Alerts that come with their own severity (Prometheus' {@code severity} label through
 * the Alertmanager ingest) keep it.
 */
public final class SeverityRules {

    public static final Map<String, AlertSeverity> DEFAULT_TYPE_SEVERITY = Map.of(
            "process_down", AlertSeverity.CRITICAL,
            "database_issues", AlertSeverity.CRITICAL,
            "integration_failure", AlertSeverity.WARNING,
            "high_memory_usage", AlertSeverity.WARNING,
            "high_cpu_usage", AlertSeverity.WARNING,
            "performance_degradation", AlertSeverity.WARNING,
            "component_unhealthy", AlertSeverity.WARNING);

    public static final SeverityRules DEFAULT = new SeverityRules(List.of(), DEFAULT_TYPE_SEVERITY, BusinessHours.DEFAULT);

    /** The outcome: a severity and an urgency. */
    public record Classification(AlertSeverity severity, Urgency urgency) { }

    private final List<SeverityRule> rules;
    private final Map<String, AlertSeverity> typeSeverity;
    private final BusinessHours businessHours;

    public SeverityRules(List<SeverityRule> rules, Map<String, AlertSeverity> typeSeverity, BusinessHours businessHours) {
        this.rules = List.copyOf(rules);
        Map<String, AlertSeverity> types = new HashMap<>(DEFAULT_TYPE_SEVERITY);
        types.putAll(typeSeverity);
        this.typeSeverity = Map.copyOf(types);
        this.businessHours = businessHours;
    }

    /** The problem type's default severity: configured, else the built-in one, else warning. */
    public AlertSeverity typeSeverity(String problemType) {
        return typeSeverity.getOrDefault(problemType, AlertSeverity.WARNING);
    }

    /**
     * The severity an incident's alert states: the type's default, lowered to the problem's own
     * ({@link AlertSeverity#of}) when that is milder, never raised above it; a CRITICAL problem
     * keeps its own mapping (emergency), so it is always at least critical.
     */
    public AlertSeverity incidentSeverity(String problemType, Severity problemSeverity) {
        AlertSeverity own = AlertSeverity.of(problemSeverity);
        if (problemSeverity == Severity.CRITICAL) {
            return AlertSeverity.worse(own, AlertSeverity.CRITICAL);
        }
        AlertSeverity type = typeSeverity(problemType);
        return own.compareTo(type) < 0 ? own : type;
    }

    public Classification classify(String problemType, Optional<AlertSeverity> stated, Map<String, String> labels,
                                   int degradationLevel, Instant at) {
        AlertSeverity severity = stated.orElseGet(() -> typeSeverity(problemType));
        if (degradationLevel >= 4) {
            severity = AlertSeverity.EMERGENCY;
        } else if (degradationLevel >= 3) {
            severity = AlertSeverity.worse(severity, AlertSeverity.CRITICAL);
        }
        Optional<AlertSeverity> ruleSeverity = Optional.empty();
        Optional<Urgency> ruleUrgency = Optional.empty();
        if (!rules.isEmpty()) {
            Map<String, String> seen = new HashMap<>(labels);
            seen.put("problem_type", problemType);
            seen.put("severity", severity.label());
            for (SeverityRule rule : rules) {
                if ((ruleSeverity.isEmpty() && rule.severity().isPresent() || ruleUrgency.isEmpty() && rule.urgency().isPresent())
                        && Matcher.all(rule.matchers(), seen)) {
                    if (ruleSeverity.isEmpty()) {
                        ruleSeverity = rule.severity();
                    }
                    if (ruleUrgency.isEmpty()) {
                        ruleUrgency = rule.urgency();
                    }
                }
            }
        }
        severity = ruleSeverity.orElse(severity);
        Urgency urgency = ruleUrgency.orElse(defaultUrgency(severity, at));
        return new Classification(severity, urgency);
    }

    private Urgency defaultUrgency(AlertSeverity severity, Instant at) {
        return switch (severity) {
            case CRITICAL, EMERGENCY -> Urgency.HIGH;
            case WARNING -> businessHours.contains(at) ? Urgency.HIGH : Urgency.LOW;
            case INFO -> Urgency.LOW;
        };
    }
}
