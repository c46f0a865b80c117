package dev.selfheal.bench.learn;

import dev.selfheal.incident.Incident;
import dev.selfheal.recovery.ActionOutcomes;
import dev.selfheal.recovery.PlannedStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The oracle: orders a plan knowing the world's odds in force, by the same rule the learning
 * system uses (Smith's rule: falling success / expected cost of an attempt) under the same risk
 * bound (nothing riskier ahead of a lower-risk action that truly works at least {@link #GOOD}
 * of the time). Its first step is "the best action" the bench judges against.
 */
final class TruthOrder extends RecordsNothing {

    static final double GOOD = 0.75;

    private final LearnWorld world;
    private final int total;
    private final Supplier<Episodes.Episode> current;

    TruthOrder(LearnWorld world, int total, Supplier<Episodes.Episode> current) {
        this.world = world;
        this.total = total;
        this.current = current;
    }

    /** The actions of the episode's fault in the oracle's order. */
    static List<String> best(LearnWorld world, Episodes.Episode e, int total) {
        List<String> remaining = new ArrayList<>(world.faults().get(e.fault()).actions());
        List<String> order = new ArrayList<>();
        while (!remaining.isEmpty()) {
            String pick = remaining.stream()
                    .filter(a -> remaining.stream().noneMatch(b -> world.actions().get(b).compareTo(world.actions().get(a)) < 0
                            && world.odds(e.fault(), e.kind(), b, e.index(), total).success() >= GOOD))
                    .max(Comparator.comparingDouble(a -> index(world, e, a, total))).orElse(remaining.getFirst());
            remaining.remove(pick);
            order.add(pick);
        }
        return order;
    }

    /**
     * The actions that count as "the best first action" of the episode: the oracle's first, and
     * any other action the risk bound lets go first whose index is within {@link #TIE} of it
     * (a near-tie: which goes first then costs next to nothing, so neither is a mistake).
     */
    static java.util.Set<String> bestFirst(LearnWorld world, Episodes.Episode e, int total) {
        List<String> actions = world.faults().get(e.fault()).actions();
        List<String> allowed = actions.stream()
                .filter(a -> actions.stream().noneMatch(b -> world.actions().get(b).compareTo(world.actions().get(a)) < 0
                        && world.odds(e.fault(), e.kind(), b, e.index(), total).success() >= GOOD)).toList();
        String first = best(world, e, total).getFirst();
        double top = index(world, e, first, total);
        java.util.Set<String> best = new java.util.HashSet<>();
        best.add(first);
        allowed.stream().filter(a -> index(world, e, a, total) >= top * (1 - TIE)).forEach(best::add);
        return best;
    }

    /** Indexes within 1% of each other are a tie. */
    static final double TIE = 0.01;

    private static double index(LearnWorld world, Episodes.Episode e, String action, int total) {
        LearnWorld.Odds odds = world.odds(e.fault(), e.kind(), action, e.index(), total);
        double p = odds.success();
        double win = odds.time().toMillis();
        double lose = world.verificationWindow().toMillis();
        return p / (p * win + (1 - p) * lose);
    }

    @Override
    public List<PlannedStep> order(Incident incident, List<PlannedStep> candidates) {
        List<String> best = best(world, current.get(), total);
        List<PlannedStep> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparingInt(s -> best.indexOf(s.name())));
        return ordered;
    }

    /** The fixed baseline: the planner without learning (risk, then the catalog's order). */
    static ActionOutcomes fixed() {
        return new RecordsNothing() { };
    }
}
