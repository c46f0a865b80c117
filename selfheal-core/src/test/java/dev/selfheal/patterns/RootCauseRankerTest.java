package dev.selfheal.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootCauseRankerTest {

    private static final Instant T0 = Instant.parse("2026-11-02T02:00:00Z");
    private final RootCauseRanker ranker = new RootCauseRanker();

    private static FailureEvent failed(String component, int second) {
        return new FailureEvent(component, "x", T0.plusSeconds(second));
    }

    @Test
    void a_root_detected_after_its_symptoms_still_ranks_first() {
        CausalGraph graph = new CausalGraph(List.of(CausalEdge.configured("database", "api"),
                new CausalEdge("api", "web", false, 10, 12, 0.5, 1e-6)));

        List<RootCause> ranked = ranker.rank(List.of(failed("web", 0), failed("api", 5), failed("database", 30)), graph);

        assertThat(ranked).extracting(RootCause::component).containsExactly("database", "api", "web");
        assertThat(ranked.getFirst().explains()).containsExactly("api", "web");
        assertThat(ranked.getFirst().evidence(3)).isEqualTo("database explains api, web (2 of 2 failing); nothing failing upstream");
        assertThat(ranked.get(1).failingCauses()).containsExactly("database");
    }

    @Test
    void of_two_unrelated_roots_the_one_explaining_more_ranks_first() {
        CausalGraph graph = new CausalGraph(List.of(CausalEdge.configured("database", "api"), CausalEdge.configured("database", "web")));

        List<RootCause> ranked = ranker.rank(List.of(failed("noise", 0), failed("api", 5), failed("database", 8), failed("web", 9)), graph);

        assertThat(ranked).extracting(RootCause::component).startsWith("database", "noise");
    }

    @Test
    void without_edges_it_is_the_first_to_fail_order() {
        List<RootCause> ranked = ranker.rank(List.of(failed("b", 3), failed("a", 1), failed("c", 2), failed("b", 0)), CausalGraph.EMPTY);

        assertThat(ranked).extracting(RootCause::component).containsExactly("b", "a", "c");
    }
}
