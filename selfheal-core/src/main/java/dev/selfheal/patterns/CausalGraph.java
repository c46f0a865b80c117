package dev.selfheal.patterns;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The failure edges in force, configured and learned, as one directed graph from cause to
 * symptom, with the walks root-cause ranking and cascade grouping need. Immutable; cycles are
 * allowed and stop a walk.
 */
public final class CausalGraph {

    public static final CausalGraph EMPTY = new CausalGraph(java.util.List.of());

    private final Map<String, Set<String>> downstream = new HashMap<>();
    private final Map<String, Set<String>> upstream = new HashMap<>();
    private final Map<String, CausalEdge> edges = new HashMap<>();

    public CausalGraph(Collection<CausalEdge> edges) {
        for (CausalEdge e : edges) {
            downstream.computeIfAbsent(e.from(), k -> new LinkedHashSet<>()).add(e.to());
            upstream.computeIfAbsent(e.to(), k -> new LinkedHashSet<>()).add(e.from());
            this.edges.putIfAbsent(e.from() + "\u0000" + e.to(), e);
        }
    }

    /** Every component whose failure can reach {@code component}'s, nearest first. */
    public Set<String> causesOf(String component) {
        return walk(component, upstream);
    }

    /** The components with an edge straight into {@code component}. */
    public Set<String> parentsOf(String component) {
        return Set.copyOf(upstream.getOrDefault(component, Set.of()));
    }

    /** Every component {@code component}'s failure can reach, nearest first. */
    public Set<String> effectsOf(String component) {
        return walk(component, downstream);
    }

    public java.util.Optional<CausalEdge> edge(String from, String to) {
        return java.util.Optional.ofNullable(edges.get(from + "\u0000" + to));
    }

    public Collection<CausalEdge> edges() {
        return java.util.List.copyOf(edges.values());
    }

    private static Set<String> walk(String start, Map<String, Set<String>> next) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(next.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            String c = todo.poll();
            if (!c.equals(start) && seen.add(c)) {
                todo.addAll(next.getOrDefault(c, Set.of()));
            }
        }
        return seen;
    }
}
