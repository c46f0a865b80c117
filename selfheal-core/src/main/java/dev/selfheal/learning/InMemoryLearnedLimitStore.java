package dev.selfheal.learning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Learned limits in memory: for tests and embedding; gone with the process. */
public final class InMemoryLearnedLimitStore implements LearnedLimitStore {

    private record Key(String component, String metric) { }

    private final Map<Key, LearnedLimit> limits = new ConcurrentHashMap<>();

    @Override
    public void save(LearnedLimit limit) {
        limits.put(new Key(limit.component(), limit.metric().name()), limit);
    }

    @Override
    public List<LearnedLimit> all() {
        List<LearnedLimit> all = new ArrayList<>(limits.values());
        all.sort(Comparator.comparing(LearnedLimit::component).thenComparing(l -> l.metric().name()));
        return all;
    }
}
