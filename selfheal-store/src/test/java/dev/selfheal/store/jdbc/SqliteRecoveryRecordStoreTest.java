package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.learning.RecoveryRecord;
import dev.selfheal.learning.RecoveryRecordStore;
import dev.selfheal.learning.RecoveryRecordStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record store's contract on a real SQLite file per test, and records outliving the process's handle. */
class SqliteRecoveryRecordStoreTest extends RecoveryRecordStoreContract {

    @TempDir
    Path dir;
    private final List<Database> open = new ArrayList<>();
    private int files;

    private Database open(String name) {
        Database db = Database.open("jdbc:sqlite:" + dir.resolve(name), null, null);
        open.add(db);
        return db;
    }

    @Override
    protected RecoveryRecordStore newStore() {
        return new JdbcRecoveryRecordStore(open("records-" + (files++) + ".db"));
    }

    /** The last store's file, closed and opened again: what a restarted daemon reads. */
    @Override
    protected RecoveryRecordStore reopened(RecoveryRecordStore store) {
        Database last = open.removeLast();
        last.close();
        return new JdbcRecoveryRecordStore(open("records-" + (files - 1) + ".db"));
    }

    @AfterEach
    void closeAll() {
        open.forEach(Database::close);
    }

    @Test
    void records_survive_closing_and_reopening_the_database() {
        Database first = open("restart.db");
        RecoveryRecord kept = new JdbcRecoveryRecordStore(first).append(sample("inc-1", "worker", Instant.parse("2026-01-01T00:00:00Z")));
        first.close();
        open.remove(first);

        RecoveryRecordStore reopened = new JdbcRecoveryRecordStore(open("restart.db"));

        assertThat(reopened.after(0, 10)).containsExactly(kept);
        RecoveryRecord next = reopened.append(sample("inc-2", "worker", Instant.parse("2026-01-01T01:00:00Z")));
        assertThat(next.sequence()).isGreaterThan(kept.sequence());
    }
}
