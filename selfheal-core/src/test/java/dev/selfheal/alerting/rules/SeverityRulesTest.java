package dev.selfheal.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.AlertSeverity;
import dev.selfheal.alerting.Matcher;
import dev.selfheal.alerting.Urgency;
import dev.selfheal.incident.Severity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeverityRulesTest {

    private static final Instant MONDAY_NOON_UTC = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant SUNDAY_NIGHT_UTC = Instant.parse("2026-03-01T23:00:00Z");

    @Test
    void severity_defaults_from_the_problem_type_and_degradation_raises_it() {
        SeverityRules rules = SeverityRules.DEFAULT;
        assertThat(rules.classify("process_down", Optional.empty(), Map.of(), 0, MONDAY_NOON_UTC).severity())
                .isEqualTo(AlertSeverity.CRITICAL);
        assertThat(rules.classify("high_cpu_usage", Optional.empty(), Map.of(), 0, MONDAY_NOON_UTC).severity())
                .isEqualTo(AlertSeverity.WARNING);
        assertThat(rules.classify("high_cpu_usage", Optional.empty(), Map.of(), 3, MONDAY_NOON_UTC).severity())
                .isEqualTo(AlertSeverity.CRITICAL);
        assertThat(rules.classify("high_cpu_usage", Optional.empty(), Map.of(), 4, MONDAY_NOON_UTC).severity())
                .isEqualTo(AlertSeverity.EMERGENCY);
    }

    @Test
    void a_warning_is_urgent_in_business_hours_and_can_wait_outside_them() {
        SeverityRules rules = new SeverityRules(List.of(), Map.of(), new BusinessHours(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneId.of("Europe/Berlin")));
        assertThat(rules.classify("high_cpu_usage", Optional.empty(), Map.of(), 0, MONDAY_NOON_UTC).urgency()).isEqualTo(Urgency.HIGH);
        assertThat(rules.classify("high_cpu_usage", Optional.empty(), Map.of(), 0, SUNDAY_NIGHT_UTC).urgency()).isEqualTo(Urgency.LOW);
        assertThat(rules.classify("process_down", Optional.empty(), Map.of(), 0, SUNDAY_NIGHT_UTC).urgency()).isEqualTo(Urgency.HIGH);
    }

    @Test
    void the_first_matching_rule_sets_severity_and_urgency() {
        SeverityRules rules = new SeverityRules(List.of(
                new SeverityRule(List.of(Matcher.parse("env=staging")), Optional.of(AlertSeverity.INFO), Optional.of(Urgency.LOW)),
                new SeverityRule(List.of(Matcher.parse("problem_type=high_cpu_usage")), Optional.of(AlertSeverity.CRITICAL), Optional.empty())),
                Map.of(), BusinessHours.DEFAULT);
        assertThat(rules.classify("high_cpu_usage", Optional.empty(), Map.of("env", "staging"), 0, MONDAY_NOON_UTC))
                .isEqualTo(new SeverityRules.Classification(AlertSeverity.INFO, Urgency.LOW));
        assertThat(rules.classify("high_cpu_usage", Optional.empty(), Map.of("env", "prod"), 0, SUNDAY_NIGHT_UTC))
                .isEqualTo(new SeverityRules.Classification(AlertSeverity.CRITICAL, Urgency.HIGH));
    }

    @Test
    void an_incident_takes_its_type_default_which_a_milder_problem_lowers_and_a_critical_one_overrides() {
        SeverityRules rules = SeverityRules.DEFAULT;
        assertThat(rules.incidentSeverity("integration_failure", Severity.HIGH)).isEqualTo(AlertSeverity.WARNING);
        assertThat(rules.incidentSeverity("integration_failure", Severity.MEDIUM)).isEqualTo(AlertSeverity.WARNING);
        assertThat(rules.incidentSeverity("integration_failure", Severity.LOW)).isEqualTo(AlertSeverity.INFO);
        assertThat(rules.incidentSeverity("integration_failure", Severity.CRITICAL)).isEqualTo(AlertSeverity.EMERGENCY);
        assertThat(rules.incidentSeverity("process_down", Severity.HIGH)).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(rules.incidentSeverity("process_down", Severity.MEDIUM)).isEqualTo(AlertSeverity.WARNING);
        assertThat(rules.incidentSeverity("process_down", Severity.CRITICAL)).isEqualTo(AlertSeverity.EMERGENCY);
        assertThat(rules.incidentSeverity("some_new_type", Severity.HIGH)).isEqualTo(AlertSeverity.WARNING);
    }

    @Test
    void configured_type_defaults_cap_an_incident_too_and_degradation_and_rules_still_apply() {
        SeverityRules rules = new SeverityRules(List.of(
                new SeverityRule(List.of(Matcher.parse("env=staging")), Optional.of(AlertSeverity.INFO), Optional.empty())),
                Map.of("integration_failure", AlertSeverity.CRITICAL, "high_cpu_usage", AlertSeverity.INFO), BusinessHours.DEFAULT);
        assertThat(rules.incidentSeverity("integration_failure", Severity.HIGH)).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(rules.incidentSeverity("high_cpu_usage", Severity.HIGH)).isEqualTo(AlertSeverity.INFO);
        assertThat(rules.incidentSeverity("high_cpu_usage", Severity.CRITICAL)).isEqualTo(AlertSeverity.EMERGENCY);
        Optional<AlertSeverity> stated = Optional.of(rules.incidentSeverity("high_cpu_usage", Severity.HIGH));
        assertThat(rules.classify("high_cpu_usage", stated, Map.of(), 3, MONDAY_NOON_UTC).severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(rules.classify("integration_failure", Optional.of(AlertSeverity.CRITICAL), Map.of("env", "staging"), 0,
                MONDAY_NOON_UTC).severity()).isEqualTo(AlertSeverity.INFO);
    }
}
