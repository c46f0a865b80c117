package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.selfheal.alerting.NotificationChannelContract;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationLog;
import dev.selfheal.alerting.OnceAcrossCluster;
import dev.selfheal.cluster.FencedOutException;
import dev.selfheal.cluster.FencingToken;
import dev.selfheal.cluster.Node;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.testing.PostgresTestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster's notification log and shared check results on the real PostgreSQL. */
class ClusterSharedWorkPostgresTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static PostgresTestDatabase.Schema schema;
    private static Database database;
    private JdbcLeaseStore leases;

    @BeforeAll
    static void open() {
        schema = PostgresTestDatabase.freshSchema();
        database = Database.open(schema.url(), schema.user(), null);
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @BeforeEach
    void empty() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE cluster_leases, cluster_nodes, notification_log, cluster_check_results"));
        leases = new JdbcLeaseStore(database);
    }

    /** A channel that counts what reached it. */
    private static final class Receiver implements dev.selfheal.alerting.NotificationChannel {
        final List<Notification> got = new CopyOnWriteArrayList<>();

        @Override
        public String type() {
            return "counting";
        }

        @Override
        public void send(Notification n) {
            got.add(n);
        }
    }

    @Test
    void a_notification_the_old_leader_sent_is_not_sent_again_by_the_new_one() throws Exception {
        Node a = Node.started("a", "a:1");
        Node b = Node.started("b", "b:1");
        FencingToken first = leases.acquire("leader", a, Duration.ofMillis(200)).orElseThrow().fencingToken();
        Receiver receiver = new Receiver();
        Notification firing = NotificationChannelContract.sample(Notification.Kind.FIRING);
        new OnceAcrossCluster(receiver, new FencedNotificationLog(database, () -> Optional.of(first), WINDOW)).send(firing);

        await().atMost(Duration.ofSeconds(10)).until(() -> leases.acquire("leader", b, LONG).isPresent());
        FencingToken second = leases.find("leader").orElseThrow().fencingToken();
        OnceAcrossCluster next = new OnceAcrossCluster(receiver, new FencedNotificationLog(database, () -> Optional.of(second), WINDOW));
        next.send(firing);
        next.send(NotificationChannelContract.sample(Notification.Kind.RESOLVED));

        assertThat(receiver.got).extracting(Notification::kind).containsExactly(Notification.Kind.FIRING, Notification.Kind.RESOLVED);
    }

    @Test
    void a_stale_leader_cannot_record_a_notification_and_sends_nothing() {
        Node a = Node.started("a", "a:1");
        Node b = Node.started("b", "b:1");
        FencingToken stale = leases.acquire("leader", a, Duration.ofMillis(200)).orElseThrow().fencingToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> leases.acquire("leader", b, LONG).isPresent());
        Receiver receiver = new Receiver();
        // the stale node still believes it leads: the database decides
        OnceAcrossCluster staleChannel = new OnceAcrossCluster(receiver, new FencedNotificationLog(database, () -> Optional.of(stale), WINDOW));

        assertThatThrownBy(() -> staleChannel.send(NotificationChannelContract.sample(Notification.Kind.FIRING)))
                .isInstanceOf(FencedOutException.class).hasMessageContaining("token " + stale.value());
        assertThat(receiver.got).isEmpty();
        assertThat(new FencedNotificationLog(database, () -> Optional.of(stale), WINDOW).claimed()).isZero();
    }

    @Test
    void the_leader_retrying_a_failed_send_under_the_same_lease_may_claim_again_and_a_follower_may_not_claim_at_all() {
        Node a = Node.started("a", "a:1");
        FencingToken token = leases.acquire("leader", a, LONG).orElseThrow().fencingToken();
        FencedNotificationLog log = new FencedNotificationLog(database, () -> Optional.of(token), WINDOW);
        Notification firing = NotificationChannelContract.sample(Notification.Kind.FIRING);
        String key = NotificationLog.keyOf(firing);

        assertThat(log.claim(key, firing)).isTrue();
        assertThat(log.claim(key, firing)).as("a retry by the same holder").isTrue();
        assertThatThrownBy(() -> new FencedNotificationLog(database, Optional::empty, WINDOW).claim(key, firing))
                .isInstanceOf(FencedOutException.class).hasMessageContaining("does not hold the lease");
    }

    @Test
    void a_node_reads_the_others_results_in_their_order_and_not_its_own() {
        JdbcClusterCheckResults results = new JdbcClusterCheckResults(database);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        results.write(List.of(
                new JdbcClusterCheckResults.Row("i-a", 1, "a", "db", HealthCheckResult.unhealthy("refused").stamped(Duration.ofMillis(3), at)),
                new JdbcClusterCheckResults.Row("i-a", 2, "a", "db", HealthCheckResult.healthy("ok").stamped(Duration.ofMillis(4), at.plusSeconds(1))),
                new JdbcClusterCheckResults.Row("i-b", 1, "b", "web", HealthCheckResult.healthy("ok").stamped(Duration.ofMillis(5), at))));

        List<JdbcClusterCheckResults.Row> seenByB = results.othersWithin("i-b", Duration.ofSeconds(10));

        assertThat(seenByB).extracting(JdbcClusterCheckResults.Row::seq).containsExactly(1L, 2L);
        assertThat(seenByB.getFirst().result().message()).isEqualTo("refused");
        assertThat(seenByB.get(1).result().latency()).isEqualTo(Duration.ofMillis(4));
        assertThat(results.prune(Duration.ofMinutes(1))).isZero();
    }
}
