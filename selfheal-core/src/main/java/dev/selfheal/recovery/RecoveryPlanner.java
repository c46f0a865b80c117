package dev.selfheal.recovery;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link RecoveryPlan}: the catalog's actions for each of the incident's problem types,
 * de-duplicated (first problem type wins), without actions that failed on this component within
 * their cooldown, ordered by risk (low first) and then by learned success rate (best first);
 * ties keep the catalog's order. That fixed order is then offered to
 * {@link ActionOutcomes#order}, which may rearrange it (learning ranks by track record) but
 * cannot add or drop a step.
 */
final class RecoveryPlanner {

    private static final Logger log = LoggerFactory.getLogger(RecoveryPlanner.class);

    private final RecoveryActionCatalog catalog;
    private final RecoveryJournal journal;
    private final ActionOutcomes learning;

    public RecoveryPlanner(RecoveryActionCatalog catalog, RecoveryJournal journal, ActionOutcomes learning) {
        this.catalog = catalog;
        this.journal = journal;
        this.learning = learning;
    }

    public RecoveryPlan plan(Incident incident, Instant now) {
        Map<String, PlannedStep> candidates = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (ProblemType type : incident.problemTypes()) {
            List<String> names = catalog.actionNamesFor(type);
            if (names.isEmpty()) {
                skipped.add("no actions mapped for problem type " + type);
            }
            for (String name : names) {
                if (candidates.containsKey(name)) {
                    continue;
                }
                Optional<RecoveryAction> action = catalog.action(name);
                if (action.isEmpty()) {
                    skipped.add(name + ": not registered in the catalog");
                    continue;
                }
                Optional<RecoveryJournalEntry> recentFailure = recentFailure(incident.component(), action.get(), now);
                if (recentFailure.isPresent()) {
                    RecoveryJournalEntry f = recentFailure.get();
                    skipped.add("%s: %s on %s at %s, within its cooldown of %s".formatted(name, f.status(),
                            incident.component(), f.startedAt(), action.get().cooldown()));
                    continue;
                }
                Effectiveness e = learning.effectiveness(type, name);
                Duration expected = e.attempts() > 0 ? e.meanDuration() : action.get().timeout();
                candidates.put(name, new PlannedStep(action.get(), type, e.successRate(), expected));
            }
        }
        List<String> order = new ArrayList<>(candidates.keySet());
        List<PlannedStep> steps = new ArrayList<>(candidates.values());
        steps.sort(Comparator.comparing((PlannedStep s) -> s.action().risk())
                .thenComparing(Comparator.comparingDouble(PlannedStep::successRate).reversed())
                .thenComparing(s -> order.indexOf(s.name())));
        steps = learnedOrder(incident, steps);
        Duration estimate = steps.stream().map(s -> s.estimatedDuration().plus(s.action().delayAfter()))
                .reduce(Duration.ZERO, Duration::plus);
        Risk risk = steps.stream().map(s -> s.action().risk()).reduce(Risk.LOW, Risk::worse);
        return new RecoveryPlan(incident.id(), incident.component(), steps, skipped, estimate, risk);
    }

    /** What learning makes of the fixed order, if it answers with the same steps; the fixed order otherwise. */
    private List<PlannedStep> learnedOrder(Incident incident, List<PlannedStep> fixed) {
        List<PlannedStep> learned;
        try {
            learned = learning.order(incident, List.copyOf(fixed));
        } catch (RuntimeException e) {
            log.warn("event=learned_order_failed incident={} error=\"{}\"", incident.id(), e.toString());
            return fixed;
        }
        if (learned == null || learned.size() != fixed.size()
                || !new HashSet<>(learned.stream().map(PlannedStep::name).toList())
                .equals(new HashSet<>(fixed.stream().map(PlannedStep::name).toList()))) {
            log.warn("event=learned_order_ignored incident={} reason=\"not a permutation of the candidates\"", incident.id());
            return fixed;
        }
        return new ArrayList<>(learned);
    }

    private Optional<RecoveryJournalEntry> recentFailure(String component, RecoveryAction action, Instant now) {
        if (action.cooldown().isZero()) {
            return Optional.empty();
        }
        return journal.since(component, now.minus(action.cooldown())).stream()
                // INTERRUPTED is not held against an action: a crash cut it off, not its own failure.
                .filter(e -> e.action().equals(action.name())
                        && (e.status() == RecoveryJournalEntry.Status.FAILED || e.status() == RecoveryJournalEntry.Status.TIMED_OUT))
                .findFirst();
    }
}
