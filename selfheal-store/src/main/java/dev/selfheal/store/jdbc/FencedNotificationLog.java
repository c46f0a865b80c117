package dev.selfheal.store.jdbc;

import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationLog;
import dev.selfheal.cluster.FencedOutException;
import dev.selfheal.cluster.FencingToken;
import dev.selfheal.cluster.LeaseFence;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The cluster's notification log in PostgreSQL ({@code notification_log}). A claim is one
 * transaction: the lease row is read {@code FOR SHARE} with this node's token (as
 * {@link FencedRecoveryJournal} does), then one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}
 * takes the key when it is new, when its last claim is older than the window, or when it is
 * this very holder's under the same token (a retry). The row lock of that statement makes two
 * claims of one key never both succeed.
 */
public final class FencedNotificationLog implements NotificationLog {

    private final Jdbi jdbi;
    private final LeaseFence fence;
    private final Duration window;

    /** {@code window}: how long a sent notification keeps an identical one from going out again. */
    public FencedNotificationLog(Database database, LeaseFence fence, Duration window) {
        new JdbcLeaseStore(database); // refuses SQLite with the cluster's own message
        this.jdbi = database.jdbi();
        this.fence = fence;
        this.window = window;
    }

    @Override
    public boolean claim(String key, Notification n) {
        FencingToken token = fence.current().orElseThrow(() -> new FencedOutException(
                "notification '%s' to %s not sent: this node does not hold the lease".formatted(n.title(), n.receiver())));
        return jdbi.inTransaction(h -> {
            if (!JdbcLeaseStore.isCurrent(h, token)) {
                throw new FencedOutException("notification '%s' to %s refused: token %d of lease '%s' is no longer current"
                        .formatted(n.title(), n.receiver(), token.value(), token.lease()));
            }
            return h.createUpdate("""
                            WITH now AS (SELECT %s AS ms)
                            INSERT INTO notification_log AS l (notification_key, receiver, kind, title, holder, instance, token, claimed_at_ms)
                            SELECT :key, :receiver, :kind, :title, :holder, :instance, :token, now.ms FROM now
                            ON CONFLICT (notification_key) DO UPDATE SET
                                holder = EXCLUDED.holder, instance = EXCLUDED.instance, token = EXCLUDED.token,
                                claimed_at_ms = EXCLUDED.claimed_at_ms
                            WHERE l.claimed_at_ms <= EXCLUDED.claimed_at_ms - :window
                               OR (l.holder = EXCLUDED.holder AND l.instance = EXCLUDED.instance AND l.token = EXCLUDED.token)"""
                            .formatted(JdbcLeaseStore.DB_NOW_MS))
                    .bind("key", key).bind("receiver", n.receiver()).bind("kind", n.kind().name())
                    .bind("title", n.title().length() > 500 ? n.title().substring(0, 500) : n.title())
                    .bind("holder", token.holder()).bind("instance", token.instance()).bind("token", token.value())
                    .bind("window", window.toMillis())
                    .execute() == 1;
        });
    }

    /** How many notifications were claimed in all (what the cluster sent), for tests and the bench. */
    public long claimed() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM notification_log").mapTo(Long.class).one());
    }
}
