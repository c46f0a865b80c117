package dev.selfheal.learning;

import dev.selfheal.incident.ProblemType;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What fixed the past incidents most like this one: the design's {@code get_recommendations}.
 *
 * <p>Nearest neighbours over the records' situation, with a distance an operator would agree
 * with: a different problem type weighs most (3), then a different kind (1.5), the share of
 * other unhealthy components not in common (1, Jaccard), another component of the same kind
 * (0.5), the hour apart on the clock (up to 0.5), the degradation levels apart (up to 0.5) and
 * another weekday (0.25); between equally near ones, the newest. The {@code k} nearest vote for
 * the action that fixed them.
 */
public final class Recommendations {

    /** The situation of the incident asking. */
    public record Query(String incidentId, String component, String kind, List<ProblemType> problemTypes,
                        List<String> othersUnhealthy, int hourOfDay, DayOfWeek weekday, int degradationLevel) { }

    /**
     * One action and the similar incidents it fixed.
     *
     * @param fixed        how many of the nearest incidents it fixed (verified)
     * @param nearest      how many nearest incidents were looked at
     * @param medianTime   median time to verified recovery of those it fixed
     * @param examples     up to three of those incidents, nearest first
     */
    public record Recommendation(String action, int fixed, int nearest, Duration medianTime, List<String> examples) { }

    private Recommendations() { }

    public static double distance(Query q, RecoveryRecord r) {
        double d = 0;
        d += q.problemTypes().contains(r.primaryType()) ? 0 : 3;
        d += q.kind().equals(r.kind()) ? 0 : 1.5;
        d += q.component().equals(r.component()) ? 0 : 0.5;
        d += jaccardDistance(q.othersUnhealthy(), r.othersUnhealthy());
        int hours = Math.abs(q.hourOfDay() - r.hourOfDay());
        d += 0.5 * Math.min(hours, 24 - hours) / 12.0;
        d += 0.5 * Math.abs(q.degradationLevel() - r.degradationLevel()) / 4.0;
        d += q.weekday() == r.weekday() ? 0 : 0.25;
        return d;
    }

    /** The actions that fixed the {@code k} nearest records, most often first, then fastest. */
    public static List<Recommendation> recommend(Query q, List<RecoveryRecord> records, int k) {
        List<RecoveryRecord> nearest = records.stream().filter(r -> !r.incidentId().equals(q.incidentId()))
                .sorted(Comparator.comparingDouble((RecoveryRecord r) -> distance(q, r))
                        .thenComparing(Comparator.comparing(RecoveryRecord::openedAt).reversed())
                        .thenComparing(Comparator.comparingLong(RecoveryRecord::sequence).reversed()))
                .limit(k).toList();
        Map<String, List<RecoveryRecord>> byAction = new LinkedHashMap<>();
        for (RecoveryRecord r : nearest) {
            r.fixedBy().ifPresent(a -> byAction.computeIfAbsent(a, x -> new ArrayList<>()).add(r));
        }
        List<Recommendation> out = new ArrayList<>();
        byAction.forEach((action, fixed) -> {
            List<Duration> times = fixed.stream().map(RecoveryRecord::timeToRecovery).sorted().toList();
            out.add(new Recommendation(action, fixed.size(), nearest.size(), times.get(times.size() / 2),
                    fixed.stream().limit(3).map(RecoveryRecord::incidentId).toList()));
        });
        out.sort(Comparator.comparingInt(Recommendation::fixed).reversed().thenComparing(Recommendation::medianTime));
        return out;
    }

    private static double jaccardDistance(List<String> a, List<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return 1 - (double) both.size() / union.size();
    }
}
