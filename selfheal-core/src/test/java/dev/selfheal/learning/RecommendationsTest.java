package dev.selfheal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.RecoveryRun;
import dev.selfheal.recovery.Risk;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecommendationsTest {

    private final Instant t0 = Instant.parse("2026-04-07T09:00:00Z");
    private final List<RecoveryRecord> records = new ArrayList<>();

    private void fixed(String component, String kind, ProblemType type, String action, int seconds) {
        RecoveryRun.Step step = new RecoveryRun.Step(action, type, Risk.LOW, "SUCCEEDED", true, Duration.ofSeconds(1),
                Duration.ofSeconds(seconds));
        records.add(new RecoveryRecord(records.size() + 1, "inc-" + records.size(), component, kind, List.of(type), List.of(), 9,
                DayOfWeek.TUESDAY, 0, Optional.empty(), List.of(action), List.of(step), IncidentState.RESOLVED, true, t0,
                t0.plusSeconds(seconds), ""));
    }

    @Test
    void the_nearest_incidents_vote_for_what_fixed_them_same_problem_and_kind_first() {
        for (int i = 0; i < 5; i++) {
            fixed("api-1", "api", ProblemType.PROCESS_DOWN, "reload_config", 8 + i);
            fixed("worker-1", "worker", ProblemType.PROCESS_DOWN, "restart_service", 10);
        }
        for (int i = 0; i < 3; i++) {
            fixed("api-2", "api", ProblemType.HIGH_MEMORY_USAGE, "clear_cache", 5);
        }
        var q = new Recommendations.Query("inc-now", "api-2", "api", List.of(ProblemType.PROCESS_DOWN), List.of(), 10,
                DayOfWeek.TUESDAY, 0);

        List<Recommendations.Recommendation> top5 = Recommendations.recommend(q, records, 5);
        List<Recommendations.Recommendation> top8 = Recommendations.recommend(q, records, 8);

        assertThat(top5).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("reload_config");
            assertThat(r.fixed()).isEqualTo(5);
            assertThat(r.medianTime()).isEqualTo(Duration.ofSeconds(10));
            assertThat(r.examples()).hasSize(3);
        });
        assertThat(top8).extracting(Recommendations.Recommendation::action).containsExactly("reload_config", "restart_service");
    }

    @Test
    void a_different_problem_type_is_farther_than_a_different_kind() {
        fixed("worker-1", "worker", ProblemType.PROCESS_DOWN, "restart_service", 10);
        fixed("api-1", "api", ProblemType.HIGH_MEMORY_USAGE, "clear_cache", 5);
        var q = new Recommendations.Query("inc-now", "api-2", "api", List.of(ProblemType.PROCESS_DOWN), List.of("db-1"), 9,
                DayOfWeek.TUESDAY, 0);

        assertThat(Recommendations.distance(q, records.get(0))).isLessThan(Recommendations.distance(q, records.get(1)));
    }
}
