package dev.selfheal.server.api;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.server.config.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened while nobody was looking: the incidents of a window (opened in it, or still
 * unresolved), each with its outcome and time to recovery, the counts by outcome and the time to
 * recovery over those that resolved. The overview's "last 24 h" card; pure over the incidents
 * and an instant, so a test needs no daemon.
 *
 * <p>Outcomes, as an operator asks them: {@code healed} (resolved after an action of selfheal
 * succeeded), {@code recovered} (resolved with no action that succeeded: it came back by itself,
 * or a person fixed it), {@code escalated} (a person was asked to act, not resolved yet),
 * {@code open} (being handled).
 */
final class IncidentDigest {

    static final List<String> OUTCOMES = List.of("healed", "recovered", "escalated", "open");

    record Row(String id, String component, String state, String outcome, List<String> problemTypes, String evidence,
               List<String> actions, Instant openedAt, Instant closedAt, Long recoveryMs, boolean awaitingApproval) { }

    /**
     * @param recoveryMeanMs   mean time from opening to resolution of the resolved ones (MTTR), null when none resolved
     * @param recoveryMedianMs their median, which one slow incident does not drag
     */
    record Digest(Instant since, long windowMs, int total, Map<String, Integer> counts, int resolved, Long recoveryMeanMs,
                  Long recoveryMedianMs, List<Row> incidents) { }

    private IncidentDigest() { }

    static Digest of(Collection<Incident> incidents, Instant now, Duration window, int limit, SecretMasker masker) {
        Instant since = now.minus(window);
        List<Incident> inWindow = incidents.stream()
                .filter(i -> !i.openedAt().isBefore(since) || !i.isResolved())
                .sorted(Comparator.comparing(Incident::openedAt).reversed())
                .toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        OUTCOMES.forEach(o -> counts.put(o, 0));
        List<Long> recoveries = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (Incident i : inWindow) {
            String outcome = outcome(i);
            counts.merge(outcome, 1, Integer::sum);
            Long recovery = i.closedAt().map(c -> Duration.between(i.openedAt(), c).toMillis()).orElse(null);
            if (recovery != null) {
                recoveries.add(recovery);
            }
            if (rows.size() < limit) {
                rows.add(new Row(i.id(), i.component(), i.state().name(), outcome,
                        i.problemTypes().stream().map(t -> t.name()).toList(),
                        i.problems().isEmpty() ? "" : masker.mask(i.problems().getFirst().evidence()),
                        actions(i), i.openedAt(), i.closedAt().orElse(null), recovery, IncidentViews.awaitingApproval(i)));
            }
        }
        recoveries.sort(Comparator.naturalOrder());
        Long mean = recoveries.isEmpty() ? null : Math.round(recoveries.stream().mapToLong(Long::longValue).average().orElse(0));
        Long median = recoveries.isEmpty() ? null : recoveries.size() % 2 == 1 ? recoveries.get(recoveries.size() / 2)
                : (recoveries.get(recoveries.size() / 2 - 1) + recoveries.get(recoveries.size() / 2)) / 2;
        return new Digest(since, window.toMillis(), inWindow.size(), counts, recoveries.size(), mean, median, rows);
    }

    static String outcome(Incident i) {
        if (i.state() == IncidentState.RESOLVED) {
            return actions(i).stream().anyMatch(a -> a.endsWith(" succeeded")) ? "healed" : "recovered";
        }
        return i.state() == IncidentState.ESCALATED ? "escalated" : "open";
    }

    /** Each step that ended, in order: "restart_service succeeded", "restart_service timed_out". */
    private static List<String> actions(Incident i) {
        return i.timeline().stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.STEP_ENDED && e.data().containsKey("action"))
                .map(e -> e.data().get("action") + " " + e.data().getOrDefault("outcome", "ended").toLowerCase(java.util.Locale.ROOT))
                .toList();
    }
}
