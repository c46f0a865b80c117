package dev.selfheal.server.api;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.recovery.PlannedStep;
import dev.selfheal.recovery.RecoveryJournalEntry;
import dev.selfheal.recovery.RecoveryPlan;
import dev.selfheal.server.config.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON shapes of incidents (snake_case by the mapper). */
final class IncidentViews {

    private IncidentViews() { }

    record Summary(String id, String component, String state, String severity, List<String> problemTypes,
                   Instant openedAt, Instant lastSignalAt, Instant closedAt, boolean awaitingApproval) { }

    record Detail(String id, String component, String state, String severity, Instant openedAt, Instant lastSignalAt,
                  Instant closedAt, boolean awaitingApproval, List<ProblemView> problems, PlanView plan,
                  List<StepView> steps, List<EntryView> timeline) { }

    record ProblemView(String type, String severity, String evidence, String source, Instant at, java.util.Map<String, String> labels) { }

    record PlanView(List<PlanStepView> steps, List<String> skipped, long estimatedMs, String risk) { }

    record PlanStepView(String action, String problemType, String risk, double successRate) { }

    record StepView(String stepId, String action, String target, String outcome, Instant startedAt, Instant endedAt,
                    Long durationMs, String message) { }

    record EntryView(int seq, Instant at, String kind, String message, Map<String, String> data) { }

    static Summary summary(Incident i) {
        return new Summary(i.id(), i.component(), i.state().name(), i.severity().name(),
                i.problemTypes().stream().map(t -> t.name()).toList(), i.openedAt(), i.lastSignalAt(),
                i.closedAt().orElse(null), awaitingApproval(i));
    }

    static Detail detail(Incident i, Optional<RecoveryPlan> activePlan, List<RecoveryJournalEntry> steps, SecretMasker masker) {
        return new Detail(i.id(), i.component(), i.state().name(), i.severity().name(), i.openedAt(), i.lastSignalAt(),
                i.closedAt().orElse(null), awaitingApproval(i),
                i.problems().stream().map(p -> problem(p, masker)).toList(),
                activePlan.map(IncidentViews::plan).orElse(null),
                steps.stream().map(s -> step(s, masker)).toList(),
                i.timeline().stream().map(e -> entry(e, masker)).toList());
    }

    /**
     * Whether the incident's run is parked on an approval: its last approval decision has no
     * APPROVAL after it, and it is not resolved.
     */
    static boolean awaitingApproval(Incident i) {
        if (i.isResolved()) {
            return false;
        }
        boolean waiting = false;
        for (TimelineEntry e : i.timeline()) {
            if (e.kind() == TimelineEntry.Kind.DECISION && "await_approval".equals(e.data().get("decision"))) {
                waiting = true;
            } else if (e.kind() == TimelineEntry.Kind.APPROVAL || e.kind() == TimelineEntry.Kind.STEP_STARTED) {
                waiting = false;
            }
        }
        return waiting;
    }

    private static ProblemView problem(Problem p, SecretMasker masker) {
        java.util.Map<String, String> labels = new java.util.TreeMap<>();
        p.labels().forEach((k, v) -> labels.put(k, masker.mask(v)));
        return new ProblemView(p.type().name(), p.severity().name(), masker.mask(p.evidence()), p.source(), p.at(), labels);
    }

    private static PlanView plan(RecoveryPlan plan) {
        return new PlanView(plan.steps().stream().map(IncidentViews::planStep).toList(), plan.skipped(),
                plan.estimatedDuration().toMillis(), plan.overallRisk().name());
    }

    private static PlanStepView planStep(PlannedStep s) {
        return new PlanStepView(s.name(), s.problemType().name(), s.action().risk().name(), s.successRate());
    }

    private static StepView step(RecoveryJournalEntry s, SecretMasker masker) {
        Long duration = s.endedAt().map(end -> Duration.between(s.startedAt(), end).toMillis()).orElse(null);
        return new StepView(s.stepId(), s.action(), s.target(), s.status().name(), s.startedAt(), s.endedAt().orElse(null),
                duration, masker.mask(s.message()));
    }

    private static EntryView entry(TimelineEntry e, SecretMasker masker) {
        Map<String, String> data = new LinkedHashMap<>();
        e.data().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(d -> data.put(d.getKey(), masker.mask(d.getValue())));
        return new EntryView(e.seq(), e.at(), e.kind().name(), masker.mask(e.message()), data);
    }
}
