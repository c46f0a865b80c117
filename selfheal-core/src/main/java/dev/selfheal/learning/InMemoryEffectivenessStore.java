package dev.selfheal.learning;

import dev.selfheal.recovery.Effectiveness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Effectiveness counts in memory. */
public final class InMemoryEffectivenessStore implements EffectivenessStore {

    private final Map<List<String>, Effectiveness> counts = new ConcurrentHashMap<>();

    @Override
    public Effectiveness record(String problemType, String action, boolean success, Duration duration) {
        return counts.compute(List.of(problemType, action), (k, old) ->
                (old == null ? Effectiveness.none(problemType, action) : old).plus(success, duration));
    }

    @Override
    public Effectiveness get(String problemType, String action) {
        return counts.getOrDefault(List.of(problemType, action), Effectiveness.none(problemType, action));
    }

    @Override
    public List<Effectiveness> all() {
        List<Effectiveness> all = new ArrayList<>(counts.values());
        all.sort(Comparator.comparing(Effectiveness::problemType).thenComparing(Effectiveness::action));
        return all;
    }
}
