package dev.selfheal.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code selfheal run} child processes on the real PostgreSQL sharing their checks: each
 * check runs on one node (the watched service sees which node runs it), every node shows every
 * component, a dead node's checks move to the living, and a fault seen only by a follower's
 * check is healed by the leader and notified once.
 */
class ClusterSharedWorkTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int AUX = 6;
    private static final long RECENT = Duration.ofSeconds(2).toNanos();

    @TempDir
    Path dir;

    private ClusterRig rig;

    @BeforeEach
    void start() throws Exception {
        PostgresTestDatabase.assumeReachable();
        rig = ClusterRig.start(new ClusterRig.Settings(PostgresTestDatabase.URL, PostgresTestDatabase.USER, 3, true, LEASE,
                Duration.ofSeconds(1), Duration.ofMillis(250), AUX), dir);
        await().atMost(PATIENCE).until(() -> rig.leader().isPresent());
        assertThat(rig.awaitQuiet(PATIENCE)).isTrue();
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    private static List<String> auxChecks() {
        return IntStream.rangeClosed(1, AUX).mapToObj(ClusterRig::auxCheck).toList();
    }

    /** Which node runs each auxiliary check, as the watched service sees it; empty until each is run by exactly one. */
    private Map<String, String> runners() {
        Map<String, String> runners = new HashMap<>();
        for (String check : auxChecks()) {
            Set<String> by = rig.service().pingedBy(check, RECENT);
            if (by.size() != 1) {
                return Map.of();
            }
            runners.put(check, by.iterator().next());
        }
        return runners;
    }

    /** The checks each node runs, as {@code GET /api/cluster} of {@code node} says. */
    private static Map<String, String> placement(NodeProcess node) {
        Map<String, String> owners = new HashMap<>();
        node.cluster().ifPresent(c -> {
            for (JsonNode n : c.path("nodes")) {
                for (JsonNode check : n.path("checks")) {
                    owners.put(check.asText(), n.path("id").asText());
                }
            }
        });
        return owners;
    }

    @Test
    void each_check_runs_on_one_node_every_node_sees_every_component_and_a_dead_nodes_checks_move_to_the_living() throws Exception {
        // Then each check is run by exactly one node, as the cluster API says, and the work is spread
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(runners()).as("who runs each check, as the service saw it")
                .isNotEmpty().isEqualTo(filter(placement(rig.nodes().getFirst()))));
        Map<String, String> before = runners();
        assertThat(new HashSet<>(before.values())).hasSizeGreaterThan(1);
        for (NodeProcess node : rig.nodes()) {
            for (String check : auxChecks()) {
                assertThat(node.statusOf(check)).as(node.id() + " sees " + check).contains("HEALTHY");
            }
        }

        // When a node that runs checks dies
        NodeProcess victim = rig.nodes().stream().filter(n -> before.containsValue(n.id())).findFirst().orElseThrow();
        victim.kill9();

        // Then its checks move to the living nodes, and the others' checks stay where they were
        await().atMost(PATIENCE).until(() -> {
            Map<String, String> now = runners();
            return !now.isEmpty() && !now.containsValue(victim.id());
        });
        Map<String, String> after = runners();
        before.forEach((check, node) -> {
            if (!node.equals(victim.id())) {
                assertThat(after.get(check)).as(check).isEqualTo(node);
            }
        });

        // And when it comes back it takes its checks again
        NodeProcess back = rig.restart(victim);
        await().atMost(PATIENCE).until(() -> runners().equals(before));
        assertThat(back.isAlive()).isTrue();
    }

    private static Map<String, String> filter(Map<String, String> placement) {
        Map<String, String> aux = new HashMap<>(placement);
        aux.keySet().retainAll(auxChecks());
        return aux;
    }

    @Test
    void a_fault_only_a_follower_checks_is_healed_by_the_leader_once_and_notified_once() throws Exception {
        // Given the service's check runs on a follower
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(placement(rig.nodes().getFirst())).containsKey(ClusterRig.COMPONENT));
        String checker = placement(rig.nodes().getFirst()).get(ClusterRig.COMPONENT);
        NodeProcess leader = rig.leader().orElseThrow();
        if (leader.id().equals(checker)) {
            // hand the lease over: a node stopped cleanly releases it, and comes back a follower
            leader.close();
            rig.restart(leader);
            await().atMost(PATIENCE).until(() -> rig.leader().map(l -> !l.id().equals(checker)).orElse(false));
            assertThat(rig.awaitQuiet(PATIENCE)).isTrue();
        }
        assertThat(rig.leader().orElseThrow().id()).isNotEqualTo(checker);

        // When the service fails
        int fault = rig.service().fail();

        // Then the leader restarts it once, and the team is told once
        await().atMost(PATIENCE).until(() -> !rig.service().restartsOf(fault).isEmpty());
        assertThat(rig.awaitQuiet(PATIENCE)).isTrue();
        await().atMost(PATIENCE).until(() -> rig.receiver().firingDuring(fault) >= 1);
        await().during(LEASE.multipliedBy(2)).atMost(PATIENCE).until(() -> rig.service().restartsOf(fault).size() == 1
                && rig.receiver().firingDuring(fault) == 1);
        assertThat(rig.receiver().duplicates()).isZero();
    }
}
