package dev.selfheal.alerting.rules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which component depends on which ({@code worker → queue → database}). An alert on a
 * component is inhibited while any component it depends on, directly or through others, has
 * an open incident: the upstream failure is the news, the downstream alerts are its symptoms.
 * Cycles are allowed in the config and simply stop the walk.
 */
public final class DependencyGraph {

    public static final DependencyGraph EMPTY = new DependencyGraph(Map.of());

    private final Map<String, Set<String>> upstream;
    private final Map<String, Set<String>> closure = new HashMap<>();

    public DependencyGraph(Map<String, ? extends List<String>> dependsOn) {
        Map<String, Set<String>> copy = new HashMap<>();
        dependsOn.forEach((k, v) -> copy.put(k, Set.copyOf(new LinkedHashSet<>(v))));
        this.upstream = Map.copyOf(copy);
    }

    /** Everything {@code component} depends on, transitively, nearest first. */
    public synchronized Set<String> upstreamOf(String component) {
        return closure.computeIfAbsent(component, c -> {
            Set<String> seen = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(upstream.getOrDefault(c, Set.of()));
            while (!todo.isEmpty()) {
                String next = todo.poll();
                if (!next.equals(c) && seen.add(next)) {
                    todo.addAll(upstream.getOrDefault(next, Set.of()));
                }
            }
            return Set.copyOf(seen);
        });
    }

    /** The first upstream component for which {@code hasOpenIncident} holds. */
    public Optional<String> blockingUpstream(String component, Predicate<String> hasOpenIncident) {
        if (upstream.isEmpty()) {
            return Optional.empty();
        }
        for (String u : upstreamOf(component)) {
            if (hasOpenIncident.test(u)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /** Components that depend on {@code component}, transitively. */
    public Set<String> downstreamOf(String component) {
        Set<String> out = new HashSet<>();
        for (String c : upstream.keySet()) {
            if (upstreamOf(c).contains(component)) {
                out.add(c);
            }
        }
        return out;
    }

    public Map<String, Set<String>> edges() {
        return upstream;
    }
}
