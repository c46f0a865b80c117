package dev.selfheal.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code selfheal run} child processes on the real PostgreSQL watching one HTTP service:
 * the leader is killed with SIGKILL, or frozen with SIGSTOP past its lease, at the moment the
 * service fails. Another node takes over within seconds and the fault gets exactly one restart;
 * a frozen leader, thawed, steps down without acting.
 */
class ClusterFailoverTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private ClusterRig rig;

    @BeforeEach
    void start() throws Exception {
        PostgresTestDatabase.assumeReachable();
        rig = ClusterRig.start(new ClusterRig.Settings(PostgresTestDatabase.URL, PostgresTestDatabase.USER, 3, true, LEASE,
                Duration.ofSeconds(1), Duration.ofMillis(250)), dir);
        await().atMost(PATIENCE).until(() -> rig.leader().isPresent());
        assertThat(rig.awaitQuiet(PATIENCE)).isTrue();
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void the_leader_killed_as_the_service_fails_is_replaced_within_seconds_and_the_fault_is_healed_once() throws Exception {
        // Given a leader
        NodeProcess leader = rig.leader().orElseThrow();

        // When it is killed with SIGKILL as the service fails
        long lost = System.nanoTime();
        leader.kill9();
        int fault = rig.service().fail();

        // Then another node leads and restarts the service within seconds, once
        await().atMost(PATIENCE).until(() -> !rig.service().restartsOf(fault).isEmpty());
        long failoverMs = (rig.service().restartsOf(fault).getFirst() - lost) / 1_000_000;
        assertThat(failoverMs).as("leader lost -> first action").isLessThan(LEASE.toMillis() + 8_000);
        NodeProcess next = rig.leader().orElseThrow();
        assertThat(next.id()).isNotEqualTo(leader.id());
        assertThat(rig.awaitQuiet(PATIENCE)).isTrue();
        await().during(LEASE.multipliedBy(2)).atMost(PATIENCE).until(() -> rig.service().restartsOf(fault).size() == 1);

        // And the killed node, started again, joins as a follower
        NodeProcess back = rig.restart(leader);
        await().atMost(PATIENCE).until(() -> back.cluster().map(c -> c.path("nodes").size() == 3).orElse(false));
        assertThat(back.leading()).isFalse();
        assertThat(rig.leader()).contains(next);
    }

    @Test
    void a_leader_frozen_past_its_lease_is_replaced_and_does_not_act_when_it_thaws() throws Exception {
        // Given a leader
        NodeProcess leader = rig.leader().orElseThrow();
        List<NodeProcess> others = rig.nodes().stream().filter(n -> n != leader).toList();

        // When it is frozen (SIGSTOP) as the service fails
        leader.freeze();
        int fault = rig.service().fail();

        // Then another node takes over and heals the fault once
        await().atMost(PATIENCE).until(() -> !rig.service().restartsOf(fault).isEmpty());
        assertThat(others.stream().filter(NodeProcess::leading)).hasSize(1);

        // And when the frozen leader thaws, it steps down and nothing is done twice
        leader.thaw();
        await().atMost(PATIENCE).until(() -> !leader.leading() && leader.cluster().isPresent());
        assertThat(rig.awaitQuiet(PATIENCE)).isTrue();
        await().during(LEASE.multipliedBy(2)).atMost(PATIENCE).until(() -> rig.service().restartsOf(fault).size() == 1);
        assertThat(rig.leader()).isPresent().get().isNotEqualTo(leader);
    }
}
