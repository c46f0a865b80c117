package dev.selfheal.bench.cluster;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The table and the RESULT line of {@code bench cluster}, from the rounds of the fenced cluster and the uncoordinated baseline. */
final class ClusterReport {

    /**
     * The cluster's rounds (timings), and over every fault of the run, settled rounds or not: the
     * faults, restarts beyond the first, faults no restart answered, duplicate notifications, and the service check's gaps.
     */
    record Fenced(List<ClusterBench.Round> rounds, long faults, long duplicateActions, long lostIncidents, long duplicateNotifications, long missedChecks, long longestCheckGapMs, int unsettledRounds) { }

    /** Restarts per fault of the uncoordinated nodes, and the duplicate notifications they sent. */
    record Baseline(List<Integer> actions, long duplicateNotifications) { }

    private final Fenced fenced;
    private final Baseline baseline;

    ClusterReport(Fenced fenced, Baseline baseline) {
        this.fenced = fenced;
        this.baseline = baseline;
    }

    void print(PrintStream out) {
        List<ClusterBench.Round> rounds = fenced.rounds();
        Predicate<ClusterBench.Round> leaderLost = r -> r.loss() != ClusterBench.Loss.DROP;
        List<Long> failover = rounds.stream().filter(leaderLost).map(ClusterBench.Round::lossMs).filter(ms -> ms >= 0).toList();
        List<Long> afterDrop = rounds.stream().filter(leaderLost.negate()).map(ClusterBench.Round::lossMs).filter(ms -> ms >= 0).toList();
        List<Long> steady = rounds.stream().filter(r -> r.steadyActions() > 0).map(ClusterBench.Round::steadyMs).toList();
        List<Long> newLeader = rounds.stream().map(ClusterBench.Round::newLeaderMs).filter(ms -> ms >= 0).toList();
        long healedBeforeLoss = rounds.stream().filter(r -> r.lossActions() > 0 && r.lossMs() < 0).count();
        long duplicates = fenced.duplicateActions();
        long lost = fenced.lostIncidents();
        long unnotified = rounds.stream().mapToLong(r -> (r.lossFirings() == 0 ? 1 : 0) + (r.steadyFirings() == 0 ? 1 : 0)).sum();
        long faults = fenced.faults();
        long baselineDuplicates = baseline.actions().stream().mapToLong(a -> Math.max(0, a - 1)).sum();
        double duplicatesPerFault = faults == 0 ? 0 : (double) duplicates / faults;
        double baselinePerFault = baseline.actions().isEmpty() ? 0 : (double) baselineDuplicates / baseline.actions().size();
        double baselineNotificationsPerFault = baseline.actions().isEmpty() ? 0
                : (double) baseline.duplicateNotifications() / baseline.actions().size();
        long p50 = percentile(failover, 50);
        long p95 = percentile(failover, 95);
        long steadyP50 = percentile(steady, 50);
        out.println();
        out.printf(Locale.ROOT, "%-44s %12s %14s%n", "", "fenced", "uncoordinated");
        out.printf(Locale.ROOT, "%-44s %12d %14d%n", "faults", faults, baseline.actions().size());
        out.printf(Locale.ROOT, "%-44s %12s %14s%n", "losses (kill / freeze / connections dropped)",
                count(rounds, ClusterBench.Loss.KILL) + "/" + count(rounds, ClusterBench.Loss.FREEZE) + "/" + count(rounds, ClusterBench.Loss.DROP), "-");
        out.printf(Locale.ROOT, "%-44s %12.2f %14.2f%n", "duplicate actions per fault", duplicatesPerFault, baselinePerFault);
        out.printf(Locale.ROOT, "%-44s %12d %14d%n", "duplicate notifications", fenced.duplicateNotifications(), baseline.duplicateNotifications());
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "lost incidents (no action within 60 s)", lost, "-");
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "faults with no firing notification", unnotified, "-");
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "steady first action p50 (ms)", steadyP50, "-");
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "leader lost -> first action p50 (ms)", p50, "-");
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "leader lost -> first action p95 (ms)", p95, "-");
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "healed by the old leader before the loss", healedBeforeLoss, "-");
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "new leader visible p50 (ms)", percentile(newLeader, 50), "-");
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "connections dropped -> first action p95 (ms)", percentile(afterDrop, 95), "-");
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "rounds left unsettled (incident escalated)", fenced.unsettledRounds(), "-");
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "service check unrun > 2 intervals (times)", fenced.missedChecks(), "-");
        out.printf(Locale.ROOT, "%-44s %12d %14s%n", "longest service check gap (ms)", fenced.longestCheckGapMs(), "-");
        out.printf(Locale.ROOT,
                "RESULT rounds=%d failover_p50_ms=%d failover_p95_ms=%d drop_first_action_p95_ms=%d steady_p50_ms=%d duplicate_actions=%d "
                        + "duplicate_notifications=%d lost_incidents=%d unnotified_faults=%d missed_checks=%d unsettled_rounds=%d "
                        + "baseline_duplicate_actions_per_fault=%.2f baseline_duplicate_notifications_per_fault=%.2f duplicates_vs_baseline=%.2f%n",
                rounds.size() + fenced.unsettledRounds(), p50, p95, percentile(afterDrop, 95), steadyP50, duplicates, fenced.duplicateNotifications(), lost, unnotified,
                fenced.missedChecks(), fenced.unsettledRounds(), baselinePerFault, baselineNotificationsPerFault,
                baselinePerFault == 0 ? 0.0 : duplicatesPerFault / baselinePerFault);
    }

    private static long count(List<ClusterBench.Round> rounds, ClusterBench.Loss loss) {
        return rounds.stream().filter(r -> r.loss() == loss).count();
    }

    /** Nearest rank; -1 when there is nothing. */
    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
