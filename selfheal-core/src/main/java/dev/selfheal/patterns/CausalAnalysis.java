package dev.selfheal.patterns;

import dev.selfheal.alerting.rules.DependencyGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns precedence counts into findings: learned edges (A's failures followed by B's more often
 * than chance, in a consistent order, not explained by a shared upstream or a path through a
 * third component) and correlations (failures together without such an edge).
 *
 * <h2>Chance</h2>
 * B's episodes arrive at rate λ = episodes(B) / span. If B ignored A, the chance that one of A's
 * episodes is followed by B within the lag L is p = 1 − e^(−λL), and the number of A's episodes
 * followed is Binomial(episodes(A), p). Each ordered pair is one test; Benjamini-Hochberg over
 * every ordered pair of components (seen together or not) holds the false-discovery rate.
 *
 * <h2>From significant pairs to edges</h2>
 * A pair that is seen in both orders without one clearly ahead (at least {@link #ORDER_RATIO}
 * times the other's count) is a co-occurrence, not a cause: a correlation. A significant pair
 * A→B is not an edge when another cause of B predicts B as often and with a tighter lag: A is
 * then an ancestor of B's nearer cause (the edge would be a shortcut, dropped) or a cousin of B
 * (a correlation). Configured edges are kept as configured, annotated with their counts.
 */
public final class CausalAnalysis {

    /** Edges (configured and learned) and correlations. */
    public record Findings(List<CausalEdge> edges, List<Correlation> correlations, PrecedenceCounts counts) {
        public Findings {
            edges = List.copyOf(edges);
            correlations = List.copyOf(correlations);
        }

        public static final Findings EMPTY = new Findings(List.of(), List.of(),
                new PrecedenceCounts(Map.of(), List.of(), java.time.Duration.ZERO, java.time.Duration.ofMinutes(2), 0, 0, 0));

        /** Learned edges the configuration does not name. */
        public List<CausalEdge> suggestions() {
            return edges.stream().filter(CausalEdge::suggestion).toList();
        }
    }

    private record Tested(String from, String to, long hits, long trials, double expected, double p, double q) {
        double lift() {
            return expected > 0 ? hits / expected : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * A cause comes first at least four times in five: detection delays may flip the order of a
     * cause and its effect now and then, but two effects of one cause flip it far more often.
     */
    static final int ORDER_RATIO = 4;

    private final PrecedenceLearner.Settings settings;

    public CausalAnalysis(PrecedenceLearner.Settings settings) {
        this.settings = settings;
    }

    public Findings analyze(PrecedenceCounts counts, DependencyGraph configured) {
        double spanSeconds = Math.max(counts.span().toNanos() / 1e9, counts.lag().toNanos() / 1e9);
        double lagSeconds = counts.lag().toNanos() / 1e9;
        Map<String, Long> episodes = counts.episodes();
        Map<String, Long> follow = new HashMap<>();
        Map<String, Double> spread = new HashMap<>();
        counts.follows().forEach(f -> {
            follow.put(key(f.from(), f.to()), f.count());
            spread.put(key(f.from(), f.to()), f.lagVariance());
        });

        List<Tested> tested = new ArrayList<>();
        for (PrecedenceCounts.Follow f : counts.follows()) {
            long nA = episodes.getOrDefault(f.from(), 0L);
            long nB = episodes.getOrDefault(f.to(), 0L);
            double chance = -Math.expm1(-nB * lagSeconds / spanSeconds);
            double p = Significance.binomialUpperTail(nA, Math.min(f.count(), nA), chance);
            tested.add(new Tested(f.from(), f.to(), f.count(), nA, nA * chance, p, 1));
        }
        long k = episodes.size();
        double[] q = Significance.benjaminiHochberg(tested.stream().mapToDouble(Tested::p).toArray(), Math.max(tested.size(), k * (k - 1)));
        Map<String, Tested> significant = new HashMap<>();
        for (int i = 0; i < tested.size(); i++) {
            Tested t = tested.get(i);
            if (q[i] <= settings.falseDiscoveryRate() && t.hits() >= settings.minHits() && t.lift() >= settings.minLift()) {
                significant.put(key(t.from(), t.to()), new Tested(t.from(), t.to(), t.hits(), t.trials(), t.expected(), t.p(), q[i]));
            }
        }

        Set<String> configuredEdges = new HashSet<>();
        configured.edges().forEach((down, ups) -> ups.forEach(up -> configuredEdges.add(key(up, down))));
        // the edges a path may run through: configured, or significant in a consistent order
        Set<String> known = new HashSet<>(configuredEdges);
        significant.values().stream()
                .filter(t -> t.hits() >= ORDER_RATIO * follow.getOrDefault(key(t.to(), t.from()), 0L))
                .forEach(t -> known.add(key(t.from(), t.to())));
        Map<String, Set<String>> out = adjacency(known);
        Map<String, Set<String>> in = reverse(known);

        List<CausalEdge> edges = new ArrayList<>();
        configuredEdges.stream().sorted().forEach(e -> {
            String[] ab = e.split("\u0000");
            Tested t = significant.get(e);
            edges.add(t == null ? CausalEdge.configured(ab[0], ab[1])
                    : new CausalEdge(ab[0], ab[1], true, t.hits(), t.trials(), t.expected(), t.q()));
        });
        Set<String> correlated = new HashSet<>();
        significant.values().stream().sorted(Comparator.comparing(Tested::from).thenComparing(Tested::to)).forEach(t -> {
            String ab = key(t.from(), t.to());
            String ba = key(t.to(), t.from());
            if (configuredEdges.contains(ab) || configuredEdges.contains(ba)) {
                return;
            }
            long back = follow.getOrDefault(ba, 0L);
            if (t.hits() < ORDER_RATIO * back) {
                correlated.add(unordered(t.from(), t.to()));
                return;
            }
            double chanceOfB = -Math.expm1(-episodes.getOrDefault(t.to(), 0L) * lagSeconds / spanSeconds);
            Optional<Explanation> away = explainedAway(t, out, in, counts, chanceOfB);
            if (away.isPresent()) {
                if (away.get() == Explanation.SHARED_CAUSE) {
                    correlated.add(unordered(t.from(), t.to())); // cousins
                }
                return; // else a shortcut past a mediator
            }
            Optional<String> nearer = standsWithoutOtherCauses(t, in.getOrDefault(t.to(), Set.of()), counts, chanceOfB) ? Optional.empty()
                    : nearerCause(t, in, follow, spread);
            if (nearer.isPresent()) {
                if (!reaches(t.from(), nearer.get(), out)) {
                    correlated.add(unordered(t.from(), t.to())); // a cousin, not a cause
                }
                return; // else a shortcut past the nearer cause
            }
            if (t.hits() < MIN_EDGE_SUPPORT) {
                correlated.add(unordered(t.from(), t.to())); // together more than chance, too seldom to call a dependency
                return;
            }
            edges.add(new CausalEdge(t.from(), t.to(), false, t.hits(), t.trials(), t.expected(), t.q()));
        });
        return new Findings(edges, correlations(correlated, significant, episodes, follow, in), counts);
    }

    /**
     * The fewest follows a learned edge rests on. The binomial test takes each component's
     * failures as spread evenly over time; they are not: they come in bursts (cascades, noise
     * during a cascade), so two unrelated components overlap a few times in weeks more often than
     * that test expects, and pass it with 3 or 4 follows. A pair that passes with fewer follows
     * than this is reported as a correlation, not an edge.
     */
    static final int MIN_EDGE_SUPPORT = 5;

    /** Why a significant pair is not an edge of its own. */
    private enum Explanation { MEDIATOR, SHARED_CAUSE }

    /**
     * The level of each conditional test: below it, b's failures still follow a's when the third
     * component is out of the picture, and the edge stands.
     */
    static final double CONDITIONAL_ALPHA = 0.01;

    /**
     * The conditional test of a → b against every third component z that could explain it: a
     * mediator (a → z → b known) or a shared cause (z → a and z → b known). Among a's kept
     * episodes where z did not take part (z failed neither within the lag before nor after a, see
     * {@link #tookPart}), b's follows are Binomial(n, chance of b) if z explains the pair; the edge
     * stands against z when that is rejected at {@link #CONDITIONAL_ALPHA}. The test is used only
     * when it has the power to see a direct effect: when b following a at its overall rate would
     * give at least {@code minHits} follows among those episodes; otherwise it says nothing and the
     * lag rule ({@link #nearerCause}) decides.
     */
    private Optional<Explanation> explainedAway(Tested t, Map<String, Set<String>> out, Map<String, Set<String>> in,
                                                PrecedenceCounts counts, double chanceOfB) {
        String a = t.from();
        String b = t.to();
        List<PrecedenceCounts.Episode> episodesOfA = counts.history().getOrDefault(a, List.of());
        Map<String, Integer> index = counts.index();
        if (!index.containsKey(b)) {
            return Optional.empty();
        }
        int bi = index.get(b);
        double rate = t.trials() == 0 ? 0 : (double) t.hits() / t.trials();
        Set<String> intoB = in.getOrDefault(b, Set.of());
        for (String z : out.getOrDefault(a, Set.of())) {
            Integer zi = index.get(z);
            if (zi != null && !z.equals(b) && intoB.contains(z) && explains(episodesOfA, e -> !tookPart(e, zi), bi, rate, chanceOfB)) {
                return Optional.of(Explanation.MEDIATOR);
            }
        }
        for (String z : in.getOrDefault(a, Set.of())) {
            Integer zi = index.get(z);
            if (zi != null && !z.equals(b) && intoB.contains(z) && explains(episodesOfA, e -> !tookPart(e, zi), bi, rate, chanceOfB)) {
                return Optional.of(Explanation.SHARED_CAUSE);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether z failed within the lag of an episode of a, before or after it. Failures are seen
     * after detection delays, so a mediator (a → z) may be seen before a and a shared cause
     * (z → a) after it: either order counts as z taking part.
     */
    private static boolean tookPart(PrecedenceCounts.Episode e, int z) {
        return e.followed(z) || e.preceded(z);
    }

    /**
     * Whether a → b stands without b's other causes: among a's kept episodes where none of b's
     * other known causes took part, b still follows more often than chance (rejected at
     * {@link #CONDITIONAL_ALPHA}), with the power to see it. A second parent of b passes; an
     * ancestor of b's parent or a cousin of b does not: b follows them only through a cause
     * that is excluded.
     */
    private boolean standsWithoutOtherCauses(Tested t, Set<String> causesOfB, PrecedenceCounts counts, double chanceOfB) {
        Map<String, Integer> index = counts.index();
        Integer bi = index.get(t.to());
        if (bi == null) {
            return false;
        }
        int[] others = causesOfB.stream().filter(c -> !c.equals(t.from()) && index.containsKey(c)).mapToInt(index::get).toArray();
        List<PrecedenceCounts.Episode> episodesOfA = counts.history().getOrDefault(t.from(), List.of());
        double rate = t.trials() == 0 ? 0 : (double) t.hits() / t.trials();
        int n = 0;
        int hits = 0;
        for (PrecedenceCounts.Episode e : episodesOfA) {
            if (java.util.Arrays.stream(others).noneMatch(c -> tookPart(e, c))) {
                n++;
                hits += e.followed(bi) ? 1 : 0;
            }
        }
        return n * rate >= settings.minHits() && Significance.binomialUpperTail(n, hits, Math.min(1, chanceOfB)) <= CONDITIONAL_ALPHA;
    }

    private boolean explains(List<PrecedenceCounts.Episode> episodes, java.util.function.Predicate<PrecedenceCounts.Episode> without,
                             int b, double rate, double chanceOfB) {
        int n = 0;
        int hits = 0;
        for (PrecedenceCounts.Episode e : episodes) {
            if (without.test(e)) {
                n++;
                hits += e.followed(b) ? 1 : 0;
            }
        }
        if (n * rate < settings.minHits()) {
            return false; // too few episodes without z to tell
        }
        return Significance.binomialUpperTail(n, hits, Math.min(1, chanceOfB)) > CONDITIONAL_ALPHA;
    }

    /**
     * Another cause c of b (configured, or learned in a consistent order) that precedes b at least
     * as often as a does and with a tighter lag. In a cascade every path into b ends with b's own
     * parent, so the parent's lag to b has the least spread: a lag from an ancestor adds the
     * spread of the steps before, and a lag from a cousin adds the spread of both branches from
     * their common ancestor. When such a c exists, a is not b's cause but an ancestor (a shortcut
     * past c) or a cousin, unless b still follows a without any of b's other causes
     * ({@link #standsWithoutOtherCauses}): b then has two parents, and the looser one is one too.
     */
    private static Optional<String> nearerCause(Tested t, Map<String, Set<String>> in, Map<String, Long> follow, Map<String, Double> spread) {
        String a = t.from();
        String b = t.to();
        double own = spread.getOrDefault(key(a, b), Double.POSITIVE_INFINITY);
        for (String c : in.getOrDefault(b, Set.of())) {
            if (!c.equals(a) && follow.getOrDefault(key(c, b), 0L) >= t.hits()
                    && spread.getOrDefault(key(c, b), Double.POSITIVE_INFINITY) < own) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static boolean reaches(String from, String to, Map<String, Set<String>> out) {
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String c = todo.poll();
            for (String n : out.getOrDefault(c, Set.of())) {
                if (n.equals(to)) {
                    return true;
                }
                if (seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return false;
    }

    /** A component P with edges into both a and b whose own count into b is at least {@code hits}. */
    private static Optional<String> sharedUpstream(String a, String b, Map<String, Set<String>> in, Map<String, Long> follow, long hits) {
        for (String p : in.getOrDefault(a, Set.of())) {
            if (!p.equals(b) && in.getOrDefault(b, Set.of()).contains(p) && follow.getOrDefault(key(p, b), 0L) >= hits) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private List<Correlation> correlations(Set<String> pairs, Map<String, Tested> significant, Map<String, Long> episodes,
                                           Map<String, Long> follow, Map<String, Set<String>> in) {
        List<Correlation> out = new ArrayList<>();
        pairs.stream().sorted().forEach(pair -> {
            String[] ab = pair.split("\u0000");
            String a = ab[0];
            String b = ab[1];
            long together = follow.getOrDefault(key(a, b), 0L) + follow.getOrDefault(key(b, a), 0L);
            Tested x = significant.get(key(a, b));
            Tested y = significant.get(key(b, a));
            double expected = (x != null ? x.expected() : 0) + (y != null ? y.expected() : 0);
            double q = Math.min(x != null ? x.q() : 1, y != null ? y.q() : 1);
            long all = episodes.getOrDefault(a, 0L) + episodes.getOrDefault(b, 0L);
            String shared = sharedUpstream(a, b, in, follow, 0).or(() -> sharedUpstream(b, a, in, follow, 0)).orElse("");
            out.add(new Correlation(a, b, together, all == 0 ? 0 : (double) together / all,
                    expected > 0 ? together / expected : Double.POSITIVE_INFINITY, q, shared));
        });
        return out;
    }

    private static Map<String, Set<String>> adjacency(Set<String> keys) {
        Map<String, Set<String>> out = new HashMap<>();
        keys.forEach(k -> {
            String[] ab = k.split("\u0000");
            out.computeIfAbsent(ab[0], x -> new HashSet<>()).add(ab[1]);
        });
        return out;
    }

    private static Map<String, Set<String>> reverse(Set<String> keys) {
        Map<String, Set<String>> in = new HashMap<>();
        keys.forEach(k -> {
            String[] ab = k.split("\u0000");
            in.computeIfAbsent(ab[1], x -> new HashSet<>()).add(ab[0]);
        });
        return in;
    }

    private static String key(String from, String to) {
        return from + "\u0000" + to;
    }

    private static String unordered(String a, String b) {
        return a.compareTo(b) <= 0 ? key(a, b) : key(b, a);
    }
}
