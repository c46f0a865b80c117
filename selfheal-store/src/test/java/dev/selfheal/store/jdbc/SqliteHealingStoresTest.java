package dev.selfheal.store.jdbc;

import dev.selfheal.alerting.AlertStore;
import dev.selfheal.alerting.AlertStoreContract;
import dev.selfheal.alerting.WriteBehindAlertStore;
import dev.selfheal.incident.IncidentStore;
import dev.selfheal.incident.IncidentStoreContract;
import dev.selfheal.learning.EffectivenessStore;
import dev.selfheal.learning.EffectivenessStoreContract;
import dev.selfheal.recovery.RecoveryJournal;
import dev.selfheal.recovery.RecoveryJournalContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The healing stores' contracts on SQLite: a fresh database file per test. */
class SqliteHealingStoresTest {

    @TempDir
    static Path dir;
    private static final List<Database> open = new ArrayList<>();
    private static int files;

    static synchronized Database fresh() {
        Database db = Database.open("jdbc:sqlite:" + dir.resolve("healing-" + (files++) + ".db"), null, null);
        open.add(db);
        return db;
    }

    @AfterEach
    void closeAll() {
        synchronized (SqliteHealingStoresTest.class) {
            open.forEach(Database::close);
            open.clear();
        }
    }

    @Nested
    class Incidents extends IncidentStoreContract {
        @Override
        protected IncidentStore newStore() {
            return new JdbcIncidentStore(fresh());
        }
    }

    @Nested
    class Journal extends RecoveryJournalContract {
        @Override
        protected RecoveryJournal newJournal() {
            return new JdbcRecoveryJournal(fresh());
        }
    }

    @Nested
    class Effectiveness extends EffectivenessStoreContract {
        @Override
        protected EffectivenessStore newStore() {
            return new JdbcEffectivenessStore(fresh());
        }
    }

    @Nested
    class Alerts extends AlertStoreContract {
        @Override
        protected AlertStore newStore() {
            return new JdbcAlertStore(fresh());
        }
    }

    /** The same contract through the daemon's write-behind queue (small, so batches and a full queue happen). */
    @Nested
    class WriteBehindAlerts extends AlertStoreContract {
        @Override
        protected AlertStore newStore() {
            return new WriteBehindAlertStore(new JdbcAlertStore(fresh()), 4, 3);
        }
    }
}
