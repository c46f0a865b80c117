package dev.selfheal.recovery;

import dev.selfheal.incident.ProblemType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ActionOutcomes} in a map: the engine's default when no learning system is given. */
final class InMemoryActionOutcomes implements ActionOutcomes {

    private final Map<List<String>, Effectiveness> counts = new ConcurrentHashMap<>();

    @Override
    public Effectiveness effectiveness(ProblemType type, String action) {
        return counts.getOrDefault(List.of(type.name(), action), Effectiveness.none(type.name(), action));
    }

    @Override
    public void record(ProblemType type, String action, boolean success, Duration duration) {
        counts.compute(List.of(type.name(), action), (k, old) ->
                (old == null ? Effectiveness.none(type.name(), action) : old).plus(success, duration));
    }

    @Override
    public List<Effectiveness> all() {
        List<Effectiveness> all = new ArrayList<>(counts.values());
        all.sort(Comparator.comparing(Effectiveness::problemType).thenComparing(Effectiveness::action));
        return all;
    }
}
