package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.health.history.StatusTransition;
import dev.selfheal.health.history.StoredResult;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the daemon relies on from its default store: a real SQLite file, in WAL mode, that outlives the process. */
class SqliteDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theFileIsInWriteAheadLogMode() {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("selfheal.db"))) {
            String mode = db.jdbi().withHandle(handle -> handle.createQuery("PRAGMA journal_mode").mapTo(String.class).one());

            assertThat(mode).isEqualToIgnoringCase("wal");
            assertThat(db.dialect()).isEqualTo(Database.Dialect.SQLITE);
        }
        assertThat(dir.resolve("selfheal.db")).isRegularFile();
    }

    @Test
    void theWriteAheadLogStaysBoundedWhileMuchIsWritten() {
        Path file = dir.resolve("selfheal.db");
        Path wal = dir.resolve("selfheal.db-wal");
        long largest = 0;
        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            JdbcHealthHistoryStore store = new JdbcHealthHistoryStore(db);
            String message = "x".repeat(400);
            // about 20 MB of results in 400 transactions: the WAL would grow to its default 4 MB and stay there
            for (int batch = 0; batch < 400; batch++) {
                List<StoredResult> results = new java.util.ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    results.add(new StoredResult("c" + i, "g", new HealthCheckResult(HealthStatus.HEALTHY, message, Map.of(),
                            Duration.ofMillis(1), T0.plusSeconds(batch * 100L + i))));
                }
                store.appendResults(results);
                largest = Math.max(largest, sizeOf(wal));
            }
            long pages = db.jdbi().withHandle(h -> h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Long.class).one());
            long limit = db.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_size_limit").mapTo(Long.class).one());
            assertThat(pages).isEqualTo(Database.WAL_CHECKPOINT_PAGES);
            assertThat(limit).isEqualTo(Database.WAL_LIMIT_BYTES);
        }
        assertThat(sizeOf(file)).isGreaterThan(10L << 20);
        // one checkpoint interval plus the transaction that crossed it
        assertThat(largest).isLessThanOrEqualTo(2L << 20);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void aMissingDataDirectoryIsCreated() {
        Path file = dir.resolve("data/nested/selfheal.db");

        try (Database ignored = Database.open("jdbc:sqlite:" + file)) {
            assertThat(file).isRegularFile();
        }
    }

    @Test
    void historyWrittenBeforeARestartIsFoundAfterIt() {
        // Given a daemon that recorded results and a transition, then stopped
        String url = "jdbc:sqlite:" + dir.resolve("selfheal.db");
        StatusTransition down = new StatusTransition("postgres", "database", HealthStatus.HEALTHY, HealthStatus.UNHEALTHY,
                T0.plusSeconds(90), "3 consecutive failures");
        try (Database db = Database.open(url)) {
            JdbcHealthHistoryStore store = new JdbcHealthHistoryStore(db);
            store.appendResults(List.of(new StoredResult("postgres", "database", new HealthCheckResult(
                    HealthStatus.UNHEALTHY, "connection refused", Map.of("port", 5432), Duration.ofMillis(3), T0.plusSeconds(90)))));
            store.appendTransition(down);
        }

        // When it starts again on the same file (migrations find the schema already there)
        try (Database db = Database.open(url)) {
            JdbcHealthHistoryStore store = new JdbcHealthHistoryStore(db);

            // Then it finds where every component stood, and the results
            assertThat(store.latestTransitions()).containsEntry("postgres", down);
            assertThat(store.recentResults("postgres", 5)).singleElement()
                    .satisfies(r -> assertThat(r.result().details()).containsEntry("port", 5432));
        }
    }

    @Test
    void anUnsupportedUrlIsRefusedNamingStoreUrl() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://127.0.0.1/selfheal"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.url")
                .hasMessageContaining("jdbc:mysql://127.0.0.1/selfheal")
                .hasMessageContaining("jdbc:sqlite:");
    }

    @Test
    void anEmptyUrlIsRefusedNamingStoreUrl() {
        assertThatThrownBy(() -> Database.open(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.url is empty");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedNamingStoreUrl() throws Exception {
        Path notADatabase = dir.resolve("notes.db");
        Files.writeString(notADatabase, "these are not the pages you are looking for ".repeat(100));

        assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + notADatabase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.url '" + "jdbc:sqlite:" + notADatabase + "'");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsRefusedNamingStoreUrl() throws Exception {
        Path file = dir.resolve("blocker");
        Files.writeString(file, "a file where a directory should be");

        assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + file.resolve("selfheal.db")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.url");
    }

    @Test
    void aPasswordInTheUrlNeverAppearsInTheError() {
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/test?user=x&password=s3cret", "x", "s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.url")
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("s3cret");
    }
}
