package dev.selfheal.patterns;

import java.time.Instant;
import java.util.List;

/**
 * Everything pattern analysis knows at one moment: temporal patterns, the causal graph
 * (configured and learned edges), correlations, and how much it has seen.
 *
 * @param at           when the report was made
 * @param temporal     recurring failures, active and expired
 * @param graph        the failure edges in force
 * @param correlations failures together without an edge
 * @param events       failure events seen since start
 * @param dropped      events not tracked because of the component bound
 */
public record PatternReport(Instant at, List<TemporalPattern> temporal, CausalGraph graph, List<Correlation> correlations,
                            long events, long dropped) {

    public PatternReport {
        temporal = List.copyOf(temporal);
        correlations = List.copyOf(correlations);
    }

    static PatternReport empty(Instant at, CausalGraph configured) {
        return new PatternReport(at, List.of(), configured, List.of(), 0, 0);
    }

    /** Learned edges the configuration does not name. */
    public List<CausalEdge> suggestions() {
        return graph.edges().stream().filter(CausalEdge::suggestion)
                .sorted(java.util.Comparator.comparing(CausalEdge::from).thenComparing(CausalEdge::to)).toList();
    }

    /** Temporal patterns of {@code component} that still recur. */
    public List<TemporalPattern> activeFor(String component) {
        return temporal.stream().filter(p -> p.active() && p.component().equals(component)).toList();
    }
}
