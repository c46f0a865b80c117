package dev.selfheal.health.history;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * History in memory, bounded per component: for embedding without a database, and for tests.
 */
public final class InMemoryHealthHistoryStore implements HealthHistoryStore {

    private final int maxResultsPerComponent;
    private final Map<String, Deque<StoredResult>> results = new HashMap<>();
    private final Map<String, Deque<StatusTransition>> transitions = new HashMap<>();

    public InMemoryHealthHistoryStore() {
        this(1_000);
    }

    public InMemoryHealthHistoryStore(int maxResultsPerComponent) {
        this.maxResultsPerComponent = maxResultsPerComponent;
    }

    @Override
    public synchronized void appendResults(List<StoredResult> batch) {
        for (StoredResult result : batch) {
            Deque<StoredResult> deque = results.computeIfAbsent(result.component(), c -> new ArrayDeque<>());
            deque.addFirst(result);
            if (deque.size() > maxResultsPerComponent) {
                deque.removeLast();
            }
        }
    }

    @Override
    public synchronized void appendTransition(StatusTransition transition) {
        transitions.computeIfAbsent(transition.component(), c -> new ArrayDeque<>()).addFirst(transition);
    }

    @Override
    public synchronized List<StoredResult> recentResults(String component, int limit) {
        return results.getOrDefault(component, new ArrayDeque<>()).stream().limit(limit).toList();
    }

    @Override
    public synchronized List<StatusTransition> transitions(String component, int limit) {
        return transitions.getOrDefault(component, new ArrayDeque<>()).stream().limit(limit).toList();
    }

    @Override
    public synchronized Map<String, StatusTransition> latestTransitions() {
        Map<String, StatusTransition> latest = new HashMap<>();
        transitions.forEach((component, deque) -> {
            if (!deque.isEmpty()) {
                latest.put(component, deque.peekFirst());
            }
        });
        return latest;
    }

    @Override
    public synchronized int purgeResultsBefore(Instant cutoff) {
        int purged = 0;
        for (Deque<StoredResult> deque : new ArrayList<>(results.values())) {
            for (Iterator<StoredResult> it = deque.iterator(); it.hasNext(); ) {
                if (it.next().result().timestamp().isBefore(cutoff)) {
                    it.remove();
                    purged++;
                }
            }
        }
        return purged;
    }
}
