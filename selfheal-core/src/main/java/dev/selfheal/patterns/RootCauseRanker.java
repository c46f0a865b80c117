package dev.selfheal.patterns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the failing components of a burst by how likely each is its root, over the causal
 * graph (configured and learned edges).
 *
 * <p>Order: first the components with no failing cause (a failure that nothing failing can
 * explain must have started on its own), then by how many of the other failures each explains,
 * then by who failed first. Without any edge this is the first-to-fail order; edges are what
 * lets a root that was detected late still come first.
 */
public final class RootCauseRanker {

    /** Ranks the components failing in {@code burst} (repeats of one component use its earliest start). */
    public List<RootCause> rank(List<FailureEvent> burst, CausalGraph graph) {
        Map<String, Instant> first = new LinkedHashMap<>();
        for (FailureEvent e : burst) {
            first.merge(e.component(), e.start(), (a, b) -> a.isBefore(b) ? a : b);
        }
        Set<String> failing = first.keySet();
        record Scored(String component, List<String> explains, List<String> causes, Instant at) { }
        List<Scored> scored = new ArrayList<>();
        for (String c : failing) {
            List<String> explains = graph.effectsOf(c).stream().filter(failing::contains).sorted().toList();
            List<String> causes = graph.causesOf(c).stream().filter(failing::contains).sorted().toList();
            scored.add(new Scored(c, explains, causes, first.get(c)));
        }
        scored.sort(Comparator.comparing((Scored s) -> !s.causes().isEmpty())
                .thenComparing(s -> -s.explains().size())
                .thenComparing(Scored::at)
                .thenComparing(Scored::component));
        List<RootCause> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            out.add(new RootCause(s.component(), i + 1, s.explains(), s.causes(), s.at()));
        }
        return out;
    }
}
