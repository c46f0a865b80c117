package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.health.history.HealthHistoryStore;
import dev.selfheal.health.history.HealthHistoryStoreContract;
import dev.selfheal.status.HealthStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file, one new file per test. */
class SqliteHealthHistoryStoreTest extends HealthHistoryStoreContract {

    @TempDir
    Path dir;

    private Database db;

    @Override
    protected HealthHistoryStore newStore() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("history.db"));
        return new JdbcHealthHistoryStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void purgeDeletesInChunksUntilNothingOldIsLeft() {
        // Given more old results than one purge chunk holds, and a few recent ones
        int old = JdbcHealthHistoryStore.PURGE_CHUNK * 2 + 345;
        List<dev.selfheal.health.history.StoredResult> batch = new ArrayList<>();
        for (int i = 0; i < old; i++) {
            batch.add(result("check-" + (i % 40), HealthStatus.HEALTHY, T0.plusMillis(i)));
        }
        batch.add(result("check-0", HealthStatus.DEGRADED, T0.plus(Duration.ofDays(8))));
        store.appendResults(batch);

        // When results older than a week are purged
        int purged = store.purgeResultsBefore(T0.plus(Duration.ofDays(7)));

        // Then every old one went and the recent one stayed
        assertThat(purged).isEqualTo(old);
        assertThat(store.recentResults("check-0", 10)).singleElement()
                .satisfies(r -> assertThat(r.result().status()).isEqualTo(HealthStatus.DEGRADED));
    }

    @Test
    void latestTransitionsWalksTheComponentIndexInsteadOfReadingEveryRow() {
        store.appendTransition(transition("a", HealthStatus.UNKNOWN, HealthStatus.HEALTHY, T0));

        List<String> plan = db.jdbi().withHandle(handle -> handle.createQuery(
                        "EXPLAIN QUERY PLAN " + JdbcHealthHistoryStore.LATEST_TRANSITIONS)
                .map((rs, ctx) -> rs.getString("detail"))
                .list());

        assertThat(plan).isNotEmpty().allSatisfy(step -> assertThat(step)
                .satisfiesAnyOf(
                        s -> assertThat(s).doesNotContain("status_transitions"),
                        s -> assertThat(s).contains("INDEX status_transitions_component_ts"),
                        s -> assertThat(s).contains("INTEGER PRIMARY KEY")));
    }

    @Test
    void writesTenThousandResultsInBatchesOfAThousand() {
        // A smoke check of the write path the scale bench drives, not a timing assertion.
        for (int b = 0; b < 10; b++) {
            int base = b * 1_000;
            store.appendResults(IntStream.range(0, 1_000)
                    .mapToObj(i -> result("check-" + (i % 100), HealthStatus.HEALTHY, T0.plusMillis(base + i)))
                    .toList());
        }

        int total = db.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM check_results").mapTo(Integer.class).one());
        assertThat(total).isEqualTo(10_000);
    }
}
