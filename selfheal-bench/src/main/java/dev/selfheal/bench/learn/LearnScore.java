package dev.selfheal.bench.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's figures for one planner's outcomes against the oracle's.
 *
 * <ul>
 *   <li><b>regret</b>: over the judged incidents (after the world's {@code train} share), the summed
 *       extra time to verified recovery over the oracle's on the same incident (escalations cost
 *       the world's {@code escalation_cost} on top).</li>
 *   <li><b>best first after 20</b>: the share of incidents whose first step was the oracle's (or
 *       tied with it within {@link TruthOrder#TIE}), among those with at least 20 incidents of the
 *       same (fault, kind) before them since the odds last changed (learning speed and following a
 *       change are measured apart).</li>
 *   <li><b>adapt</b>: for each change that moves the best action, the incidents of that
 *       (fault, kind) until the first step is the new best three times running, counting the
 *       first of those three; the median over changes ({@code -1}: never).</li>
 * </ul>
 */
final class LearnScore {

    record Figures(double meanSeconds, int escalated, double regretSeconds, double bestFirstAfter20, int adaptP50) { }

    private final LearnWorld world;
    private final int total;

    LearnScore(LearnWorld world, int total) {
        this.world = world;
        this.total = total;
    }

    private static String key(Episodes.Episode e) {
        return e.fault() + "/" + e.kind();
    }

    private String best(Episodes.Episode e) {
        return TruthOrder.best(world, e, total).getFirst();
    }

    /** The index at which (fault, kind)'s odds last changed at or before {@code index}; 0 when never. */
    private int regimeStart(Episodes.Episode e) {
        int start = 0;
        for (LearnWorld.Change c : world.changes()) {
            int at = (int) Math.round(c.at() * total);
            if (c.fault().equals(e.fault()) && c.kind().equals(e.kind()) && at <= e.index()) {
                start = Math.max(start, at);
            }
        }
        return start;
    }

    Figures figures(List<WorldRun.Outcome> mine, List<WorldRun.Outcome> oracle) {
        int judgedFrom = (int) Math.round(world.train() * total);
        double sum = 0;
        double regret = 0;
        int escalated = 0;
        int counted = 0;
        int bestFirst = 0;
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> seenRegime = new HashMap<>();
        for (int i = 0; i < mine.size(); i++) {
            WorldRun.Outcome o = mine.get(i);
            Episodes.Episode e = o.episode();
            sum += seconds(o);
            escalated += o.escalated() ? 1 : 0;
            if (i >= judgedFrom) {
                regret += seconds(o) - seconds(oracle.get(i));
            }
            String regimeKey = key(e) + "@" + regimeStart(e);
            int before = seenRegime.getOrDefault(regimeKey, 0);
            seenRegime.put(regimeKey, before + 1);
            seen.merge(key(e), 1, Integer::sum);
            if (before >= 20) {
                counted++;
                bestFirst += TruthOrder.bestFirst(world, e, total).contains(o.firstAction()) ? 1 : 0;
            }
        }
        return new Figures(sum / mine.size(), escalated, regret, counted == 0 ? Double.NaN : (double) bestFirst / counted, adapt(mine));
    }

    private int adapt(List<WorldRun.Outcome> mine) {
        List<Integer> counts = new ArrayList<>();
        for (LearnWorld.Change c : world.changes()) {
            int at = (int) Math.round(c.at() * total);
            List<WorldRun.Outcome> after = mine.stream().filter(o -> o.episode().fault().equals(c.fault())
                    && o.episode().kind().equals(c.kind())).toList();
            List<WorldRun.Outcome> before = after.stream().filter(o -> o.episode().index() < at).toList();
            after = after.stream().filter(o -> o.episode().index() >= at).toList();
            if (after.isEmpty() || before.isEmpty() || best(before.getLast().episode()).equals(best(after.getFirst().episode()))) {
                continue;
            }
            String newBest = best(after.getFirst().episode());
            int found = -1;
            for (int k = 0; k + 2 < after.size() && found < 0; k++) {
                if (after.get(k).firstAction().equals(newBest) && after.get(k + 1).firstAction().equals(newBest)
                        && after.get(k + 2).firstAction().equals(newBest)) {
                    found = k + 1;
                }
            }
            counts.add(found < 0 ? Integer.MAX_VALUE : found);
        }
        if (counts.isEmpty()) {
            return 0;
        }
        counts.sort(null);
        int median = counts.get((counts.size() - 1) / 2);
        return median == Integer.MAX_VALUE ? -1 : median;
    }

    /** One line per (fault, kind): the best action(s) and how often each planner put it first. */
    List<String> perKey(List<WorldRun.Outcome> learned, List<WorldRun.Outcome> fixed, List<WorldRun.Outcome> oracle) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> bests = new LinkedHashMap<>();
        Map<String, Integer> seenRegime = new HashMap<>();
        for (int i = 0; i < learned.size(); i++) {
            Episodes.Episode e = learned.get(i).episode();
            String k = key(e);
            int[] c = counts.computeIfAbsent(k, x -> new int[5]);
            String b = best(e);
            bests.merge(k, b, (a, x) -> a.endsWith(x) ? a : a + "->" + x);
            c[0]++;
            java.util.Set<String> good = TruthOrder.bestFirst(world, e, total);
            c[1] += good.contains(learned.get(i).firstAction()) ? 1 : 0;
            c[2] += good.contains(fixed.get(i).firstAction()) ? 1 : 0;
            int before = seenRegime.merge(k + "@" + regimeStart(e), 1, Integer::sum) - 1;
            if (before >= 20) {
                c[3]++;
                c[4] += good.contains(learned.get(i).firstAction()) ? 1 : 0;
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-30s %-36s %9s %14s %14s %16s", "fault/kind", "best first action", "incidents",
                "selfheal best", "fixed best", "selfheal after 20"));
        counts.forEach((k, c) -> lines.add(String.format(Locale.ROOT, "%-30s %-36s %9d %14.2f %14.2f %16.2f", k, bests.get(k), c[0],
                (double) c[1] / c[0], (double) c[2] / c[0], c[3] == 0 ? Double.NaN : (double) c[4] / c[3])));
        return lines;
    }

    private static double seconds(WorldRun.Outcome o) {
        return o.time().toMillis() / 1000.0;
    }
}
