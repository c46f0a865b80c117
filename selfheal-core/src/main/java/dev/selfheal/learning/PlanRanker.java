package dev.selfheal.learning;

import dev.selfheal.recovery.PlannedStep;
import dev.selfheal.recovery.Risk;
import dev.selfheal.time.HumanDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Orders a plan's steps by expected time to verified recovery, the way a careful operator would.
 *
 * <h2>The rule</h2>
 * Trying actions one after another until one works takes least time on average when they go in
 * falling order of {@code p / c} (success rate over the expected cost of one attempt; Smith's
 * rule for sequential search). The order is built from each action's <b>cautious</b> score: p is
 * the 90% lower bound of its Beta posterior, c the learned times. So an action leads on what is
 * known of it, not on a lucky streak: one verified 9 times in 13 does not displace one verified
 * 28 times in 30, though its mean might say so. Three guards make it safe:
 * <ol>
 *   <li><b>Risk bound.</b> Nothing riskier goes ahead of a lower-risk action with a good record
 *       (its cautious 90% lower bound at least {@code goodRecord}). A riskier action earns its
 *       place only when the safer ones are known not to work well.</li>
 *   <li><b>Bounded exploration</b> (upper confidence). An action goes first to learn only when
 *       its optimistic score (90% upper rate) beats the leader's optimistic score, and only within
 *       the risk bound: both are given the same benefit of the doubt, so a rival is re-tried only
 *       while it might still be better than the leader might be. (Against the leader's mean, a
 *       cheap rival twice as slow per success was re-tried about every tenth incident for ever,
 *       and a leader that had just lost its record was not given the same chance.) Off when
 *       {@code explore} is false.</li>
 *   <li><b>Cold start.</b> With no record for any candidate the catalog's order stands.</li>
 * </ol>
 * The risk bound, approval of HIGH-risk actions and the remediation limits are the engine's,
 * and apply whatever the order: the ranker only orders what the planner already allowed.
 */
final class PlanRanker {

    private final LearningSettings settings;

    PlanRanker(LearningSettings settings) {
        this.settings = settings;
    }

    private record Scored(PlannedStep step, int fixedIndex, ActionKnowledge known, double exploit, double expected,
                          double optimistic) { }

    List<PlannedStep> order(String kind, List<PlannedStep> fixed, Function<PlannedStep, ActionKnowledge> knowledge) {
        if (fixed.isEmpty()) {
            return fixed;
        }
        List<ActionKnowledge> known = fixed.stream().map(knowledge).toList();
        if (known.stream().allMatch(k -> k.evidence() < 1e-9)) {
            List<PlannedStep> same = new ArrayList<>(fixed);
            same.set(0, fixed.getFirst().because("%s first: no record yet on %s of kind %s, the catalog's order"
                    .formatted(fixed.getFirst().name(), fixed.getFirst().problemType(), kind)));
            return same;
        }
        Duration fallback = fallbackTime(fixed, known);
        List<Scored> remaining = new ArrayList<>();
        for (int i = 0; i < fixed.size(); i++) {
            ActionKnowledge k = known.get(i);
            remaining.add(new Scored(fixed.get(i), i, k, score(k, k.lower(), fallback), score(k, k.mean(), fallback),
                    k.upper() / k.optimisticCostNanos(k.upper(), fallback)));
        }
        List<PlannedStep> ordered = new ArrayList<>();
        Scored best = bestAllowed(remaining);
        Scored explore = settings.explore() ? exploration(remaining, best) : null;
        if (explore != null) {
            remaining.remove(explore);
            ordered.add(explore.step().because("%s first, to learn: %s; it might beat %s (%s)".formatted(explore.step().name(),
                    trackRecord(explore, kind), best.step().name(), trackRecord(best, kind))));
        }
        while (!remaining.isEmpty()) {
            Scored next = bestAllowed(remaining);
            remaining.remove(next);
            String place = ordered.isEmpty() ? next.step().name() + " first" : next.step().name();
            ordered.add(next.step().because(place + ": " + trackRecord(next, kind)));
        }
        return ordered;
    }

    private static double score(ActionKnowledge k, double p, Duration fallback) {
        return p / k.expectedCostNanos(p, fallback);
    }

    /** The highest exploit score that the risk bound lets go next; ties keep the fixed order. */
    private Scored bestAllowed(List<Scored> remaining) {
        Scored best = null;
        for (Scored s : remaining) {
            if (allowed(s, remaining) && (best == null || s.exploit() > best.exploit()
                    || s.exploit() == best.exploit() && s.fixedIndex() < best.fixedIndex())) {
                best = s;
            }
        }
        return best != null ? best : remaining.getFirst();
    }

    /**
     * The action whose optimistic score beats the best action's optimistic one by most, within the
     * risk bound: an upper-confidence rule, so an action is tried again only while the evidence
     * says it might still be better (a little-known one, or one a run of bad luck pushed down).
     */
    private Scored exploration(List<Scored> remaining, Scored best) {
        Scored pick = null;
        for (Scored s : remaining) {
            if (s != best && s.optimistic() > best.optimistic()
                    && allowed(s, remaining) && (pick == null || s.optimistic() > pick.optimistic())) {
                pick = s;
            }
        }
        return pick;
    }

    /** Nothing riskier goes ahead of a lower-risk action with a good record. */
    private boolean allowed(Scored candidate, List<Scored> remaining) {
        Risk risk = candidate.step().action().risk();
        for (Scored other : remaining) {
            if (other.step().action().risk().compareTo(risk) < 0 && other.known().lower() >= settings.goodRecord()) {
                return false;
            }
        }
        return true;
    }

    /** Times for actions never seen working or failing: what their peers take, else the step's own estimate. */
    private static Duration fallbackTime(List<PlannedStep> fixed, List<ActionKnowledge> known) {
        List<Duration> seen = new ArrayList<>();
        known.forEach(k -> k.successTime().ifPresent(seen::add));
        if (seen.isEmpty()) {
            known.forEach(k -> k.failureTime().ifPresent(seen::add));
        }
        if (seen.isEmpty()) {
            return fixed.getFirst().estimatedDuration();
        }
        seen.sort(null);
        return seen.get(seen.size() / 2);
    }

    /** "verified 19 of the last 20 times on crashes of kind api, median 4 s". */
    static String trackRecord(Scored s, String kind) {
        ActionKnowledge k = s.known();
        if (k.recentTried() == 0) {
            return "no record yet on %s of kind %s".formatted(s.step().problemType(), kind);
        }
        return "verified %d of the last %d time%s on %s of kind %s%s".formatted(k.recentVerified(), k.recentTried(),
                k.recentTried() == 1 ? "" : "s", s.step().problemType(), kind,
                k.medianVerified().map(d -> ", median " + HumanDuration.of(d)).orElse(""));
    }
}
