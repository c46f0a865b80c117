package dev.selfheal.bench.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.recovery.Risk;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldFileTest {

    private static final String SMALL = """
            incidents: 100
            limits: {per_component: 5, global: 10, window: 1h}
            actions:
              restart_service: {risk: low}
              failover: {risk: medium}
            kinds: {api: 2}
            faults:
              process_down:
                actions: [restart_service, failover]
                odds:
                  api: {restart_service: [0.5, 20s], failover: [0.9, 30s]}
            changes:
              - {at: 0.5, fault: process_down, kind: api, odds: {failover: [0.1, 30s]}}
            """;

    @Test
    void the_bundled_world_reads_and_has_a_change_of_best_action() {
        LearnWorld world = WorldFile.bundled();

        assertThat(world.kinds()).containsKeys("api", "worker", "database");
        assertThat(world.changes()).isNotEmpty();
        assertThat(world.actions()).containsEntry("failover", Risk.MEDIUM);
    }

    @Test
    void a_small_world_reads_with_its_defaults_and_its_change_applies_from_its_share_of_the_run() {
        LearnWorld world = WorldFile.parse("small.yaml", SMALL);

        assertThat(world.incidents()).isEqualTo(100);
        assertThat(world.verificationWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(world.odds("process_down", "api", "failover", 49, 100).success()).isEqualTo(0.9);
        assertThat(world.odds("process_down", "api", "failover", 50, 100).success()).isEqualTo(0.1);
        assertThat(world.faults().get("process_down").actions()).isEqualTo(List.of("restart_service", "failover"));
    }

    @Test
    void mistakes_name_the_file_and_the_key_path() {
        assertThatThrownBy(() -> WorldFile.parse("w.yaml", SMALL.replace("[0.9, 30s]", "[1.5, 30s]")))
                .hasMessage("w.yaml: faults.process_down.odds.api.failover[0] must be a number from 0 to 1, got 1.5");
        assertThatThrownBy(() -> WorldFile.parse("w.yaml", SMALL.replace("failover: [0.9, 30s]", "scale: [0.9, 30s]")))
                .hasMessageContaining("w.yaml: faults.process_down.odds.api.scale must be one of this fault's actions");
        assertThatThrownBy(() -> WorldFile.parse("w.yaml", SMALL.replace("kind: api", "kind: db")))
                .hasMessageContaining("w.yaml: changes[0].kind must be one of [api], got db");
        assertThatThrownBy(() -> WorldFile.parse("w.yaml", SMALL.replace("{risk: medium}", "{risk: wild}")))
                .hasMessage("w.yaml: actions.failover.risk must be low, medium or high, got wild");
    }

    @Test
    void the_learned_order_beats_the_fixed_one_on_a_small_world_and_runs_nothing_the_limits_forbid() {
        LearnWorld world = WorldFile.parse("small.yaml", SMALL.replace("incidents: 100", "incidents: 120")
                .replace("per_component: 5", "per_component: 50").replace("global: 10", "global: 100"));
        List<Episodes.Episode> episodes = Episodes.draw(world, 120, 7);
        int[] violations = new int[1];
        var oracle = WorldRun.run(world, episodes, r -> new TruthOrder(world, 120, r::current), new int[1]);
        var fixed = WorldRun.run(world, episodes, r -> TruthOrder.fixed(), new int[1]);
        var learned = WorldRun.run(world, episodes, r -> dev.selfheal.learning.LearningSystem.builder(
                        new dev.selfheal.learning.InMemoryEffectivenessStore()).writer(Runnable::run)
                .surroundings(dev.selfheal.learning.IncidentSurroundings.of(r.health(), () -> 0)).build(), violations);
        LearnScore score = new LearnScore(world, 120);

        assertThat(score.figures(learned, oracle).regretSeconds()).isLessThan(0.5 * score.figures(fixed, oracle).regretSeconds());
        assertThat(violations[0]).isZero();
    }

    @Test
    void near_equal_actions_both_count_as_the_best_first_and_a_riskier_one_only_when_the_risk_bound_allows() {
        LearnWorld world = WorldFile.parse("ties.yaml", SMALL
                .replace("restart_service: {risk: low}", "restart_service: {risk: low}\n  reload_config: {risk: low}")
                .replace("actions: [restart_service, failover]", "actions: [restart_service, reload_config, failover]")
                .replace("api: {restart_service: [0.5, 20s], failover: [0.9, 30s]}",
                        "api: {restart_service: [0.5, 20s], reload_config: [0.5, 20100ms], failover: [0.9, 30s]}")
                .replace("odds: {failover: [0.1, 30s]}", "odds: {restart_service: [0.95, 10s], reload_config: [0.95, 10s]}"));
        Episodes.Episode early = new Episodes.Episode(0, "api-1", "api", "process_down", java.util.Map.of(), java.util.Map.of());
        Episodes.Episode late = new Episodes.Episode(90, "api-1", "api", "process_down", java.util.Map.of(), java.util.Map.of());

        assertThat(TruthOrder.bestFirst(world, early, 100)).containsExactly("failover");
        assertThat(TruthOrder.bestFirst(world, late, 100)).containsExactlyInAnyOrder("restart_service", "reload_config");
    }
}
