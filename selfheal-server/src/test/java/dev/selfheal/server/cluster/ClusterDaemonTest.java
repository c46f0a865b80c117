package dev.selfheal.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.selfheal.server.config.ConfigException;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons in this JVM as nodes of one cluster on the real PostgreSQL, watching one real HTTP
 * service whose restart hook counts its calls: one node leads and heals, the other only
 * watches; when the leader stops, the other takes over and heals the next fault, once.
 */
class ClusterDaemonTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private PostgresTestDatabase.Schema schema;
    private HttpServer target;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicBoolean hangNextRestart = new AtomicBoolean();
    private final java.util.concurrent.CountDownLatch releaseHungRestart = new java.util.concurrent.CountDownLatch(1);
    private final List<Daemon> daemons = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        schema = PostgresTestDatabase.freshSchema();
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(up.get() ? 200 : 503, -1);
            exchange.close();
        });
        target.createContext("/restart", exchange -> {
            restarts.incrementAndGet();
            if (hangNextRestart.getAndSet(false)) { // a restart that never comes back: its caller's step times out
                try {
                    releaseHungRestart.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            up.set(true);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // a hung restart holds no other call
        target.start();
    }

    @AfterEach
    void stop() {
        releaseHungRestart.countDown();
        daemons.forEach(Daemon::stop);
        target.stop(0);
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void one_node_leads_and_heals_and_after_it_stops_the_other_heals_the_next_fault_exactly_once() throws Exception {
        // Given two nodes on one PostgreSQL
        Daemon a = node("a");
        Daemon b = node("b");
        ApiClient apiA = new ApiClient(a.baseUri());
        ApiClient apiB = new ApiClient(b.baseUri());
        await().atMost(PATIENCE).until(() -> leaders(apiA, apiB) == 1);
        JsonNode view = apiA.get("/api/cluster").json();
        assertThat(view.get("mode").asText()).isEqualTo("cluster");
        assertThat(view.get("nodes")).extracting(n -> n.get("id").asText()).containsExactly("a", "b");
        String leader = view.get("leader").asText();
        assertThat(apiB.get("/api/cluster").json().get("leader").asText()).isEqualTo(leader);
        long firstToken = view.get("lease").get("token").asLong();

        // When the service fails (once both nodes saw it healthy and nothing is being healed), it is restarted once, by the leader alone
        awaitQuiet(apiA, apiB);
        int before = restarts.get();
        up.set(false);
        await().atMost(PATIENCE).until(() -> restarts.get() > before && up.get());
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> restarts.get() == before + 1);

        // And when the leader stops, the other node takes over with a larger token
        Daemon leading = leader.equals("a") ? a : b;
        ApiClient survivor = leader.equals("a") ? apiB : apiA;
        leading.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> survivor.get("/api/cluster").json().get("leading").asBoolean());
        JsonNode after = survivor.get("/api/cluster").json();
        assertThat(after.get("leader").asText()).isNotEqualTo(leader);
        assertThat(after.get("token").asLong()).isGreaterThan(firstToken);

        // Then the next fault is healed by the new leader, once
        awaitQuiet(survivor);
        int beforeSecond = restarts.get();
        up.set(false);
        await().atMost(PATIENCE).until(() -> restarts.get() > beforeSecond && up.get());
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> restarts.get() == beforeSecond + 1);
        JsonNode latest = survivor.get("/api/incidents?component=target").json().get("incidents").get(0);
        assertThat(survivor.get("/api/incidents/" + latest.get("id").asText()).json().get("steps")).hasSize(1);
    }

    @Test
    void an_incident_the_leader_left_mid_step_is_healed_by_the_next_leader_not_left_escalated() throws Exception {
        // Given two nodes on one PostgreSQL, quiet
        Daemon a = node("a");
        Daemon b = node("b");
        ApiClient apiA = new ApiClient(a.baseUri());
        ApiClient apiB = new ApiClient(b.baseUri());
        await().atMost(PATIENCE).until(() -> leaders(apiA, apiB) == 1);
        awaitQuiet(apiA, apiB);
        boolean aLeads = apiA.get("/api/cluster").json().get("leading").asBoolean();
        Daemon leading = aLeads ? a : b;
        ApiClient survivor = aLeads ? apiB : apiA;

        // When the service fails and the leader goes away while its restart is under way (the call hangs, nothing is restarted)
        hangNextRestart.set(true);
        up.set(false);
        await().atMost(PATIENCE).until(() -> restarts.get() == 1);
        leading.stop();

        // Then the next leader does not leave the incident escalated: it heals the service, with one more restart
        await().atMost(PATIENCE).until(() -> up.get() && survivor.get("/api/cluster").json().get("leading").asBoolean());
        awaitQuiet(survivor);
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> restarts.get() == 2);
        JsonNode incident = survivor.get("/api/incidents?component=target").json().get("incidents").get(0);
        JsonNode detail = survivor.get("/api/incidents/" + incident.get("id").asText()).json();
        assertThat(detail.get("state").asText()).isEqualTo("RESOLVED");
        assertThat(detail.toString()).contains("taken over").doesNotContain("plan exhausted");
    }

    @Test
    void a_cluster_on_a_sqlite_store_is_refused_with_its_key_path() throws IOException {
        Path file = dir.resolve("sqlite-cluster.yaml");
        Files.writeString(file, """
                store: { url: "jdbc:sqlite:%s/x.db" }
                cluster: { node-id: a }
                """.formatted(dir));

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster").hasMessageContaining("needs a PostgreSQL store");
    }

    @Test
    void a_renewal_period_not_shorter_than_the_lease_is_refused() throws IOException {
        Path file = dir.resolve("renew.yaml");
        Files.writeString(file, """
                store: { url: "%s" }
                cluster: { node-id: a, lease: 2s, renew: 2s }
                """.formatted(schema.url()));

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.renew").hasMessageContaining("must be shorter than cluster.lease");
    }

    @Test
    void a_single_node_says_so() throws IOException {
        Path file = dir.resolve("single.yaml");
        Files.writeString(file, """
                server: { port: 0 }
                store: { url: "jdbc:sqlite:%s/single.db" }
                checks: []
                """.formatted(dir));
        Daemon single = Daemon.start(new ConfigLoader(Map.of()).load(file), new CheckFactory());
        daemons.add(single);

        JsonNode view = new ApiClient(single.baseUri()).get("/api/cluster").json();
        assertThat(view.get("mode").asText()).isEqualTo("single-node");
        assertThat(view.get("leading").asBoolean()).isTrue();
    }

    /** Every node sees the target HEALTHY and no incident of it is unresolved. */
    private static void awaitQuiet(ApiClient... nodes) {
        await().atMost(PATIENCE).until(() -> {
            for (ApiClient node : nodes) {
                if (!node.statusOf("target").equals("HEALTHY")) {
                    return false;
                }
            }
            JsonNode incidents = nodes[0].get("/api/incidents?component=target").json().get("incidents");
            for (JsonNode incident : incidents) {
                if (!incident.get("state").asText().equals("RESOLVED")) {
                    return false;
                }
            }
            return true;
        });
    }

    private static long leaders(ApiClient... nodes) {
        long count = 0;
        for (ApiClient node : nodes) {
            if (node.get("/api/cluster").json().get("leading").asBoolean()) {
                count++;
            }
        }
        return count;
    }

    private Daemon node(String id) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        int port = target.getAddress().getPort();
        Files.writeString(file, """
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "%s", user: %s }
                cluster: { node-id: %s, lease: 2s, renew: 300ms }
                checks:
                  - { name: target, type: http, group: web, url: "http://127.0.0.1:%d/health", interval: 300ms, timeout: 2s, failure-threshold: 1, success-threshold: 1 }
                healing:
                  interval: 1s
                  verification: { window: 4s, poll: 200ms }
                  degradation: { host-resources: false }
                  mapping: { component_unhealthy: [restart_target] }
                  custom-actions:
                    - { name: restart_target, type: http, url: "http://127.0.0.1:%d/restart", method: POST, timeout: 2s }
                """.formatted(schema.url(), schema.user(), id, port, port));
        Daemon daemon = Daemon.start(new ConfigLoader(Map.of()).load(file), new CheckFactory());
        daemons.add(daemon);
        return daemon;
    }
}
