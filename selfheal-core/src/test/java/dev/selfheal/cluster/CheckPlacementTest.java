package dev.selfheal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CheckPlacementTest {

    private static final List<String> CHECKS = IntStream.range(0, 300).mapToObj(i -> "check-" + i).toList();

    private static Map<String, String> place(List<String> nodes) {
        Map<String, String> owners = new HashMap<>();
        CHECKS.forEach(c -> owners.put(c, CheckPlacement.owner(c, nodes).orElseThrow()));
        return owners;
    }

    @Test
    void checks_are_spread_over_the_nodes_and_every_node_computes_the_same_owner_in_any_order() {
        Map<String, String> owners = place(List.of("node-1", "node-2", "node-3"));

        assertThat(place(List.of("node-3", "node-1", "node-2"))).isEqualTo(owners);
        for (String node : List.of("node-1", "node-2", "node-3")) {
            assertThat(owners.values().stream().filter(node::equals).count()).as(node).isBetween(70L, 130L);
        }
    }

    @Test
    void when_a_node_dies_only_its_checks_move() {
        Map<String, String> before = place(List.of("node-1", "node-2", "node-3"));
        Map<String, String> after = place(List.of("node-1", "node-3"));

        for (String check : CHECKS) {
            if (!before.get(check).equals("node-2")) {
                assertThat(after.get(check)).as(check).isEqualTo(before.get(check));
            } else {
                assertThat(after.get(check)).isIn("node-1", "node-3");
            }
        }
    }

    @Test
    void when_a_node_joins_it_takes_only_checks_it_wins_and_nothing_else_moves() {
        Map<String, String> before = place(List.of("node-1", "node-2"));
        Map<String, String> after = place(List.of("node-1", "node-2", "node-3"));

        long moved = CHECKS.stream().filter(c -> !after.get(c).equals(before.get(c))).count();
        assertThat(CHECKS.stream().filter(c -> !after.get(c).equals(before.get(c)))).allMatch(c -> after.get(c).equals("node-3"));
        assertThat(moved).isBetween(70L, 130L);
    }

    @Test
    void no_live_node_owns_nothing() {
        assertThat(CheckPlacement.owner("db", List.of())).isEmpty();
    }
}
