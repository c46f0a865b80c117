package dev.selfheal.store.jdbc;

import dev.selfheal.store.EffectivenessStore;
import dev.selfheal.store.EffectivenessStoreContract;
import dev.selfheal.store.IncidentStore;
import dev.selfheal.store.IncidentStoreContract;
import dev.selfheal.store.RecoveryJournal;
import dev.selfheal.store.RecoveryJournalContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import dev.selfheal.store.AlertStore;
import dev.selfheal.store.AlertStoreContract;
import dev.selfheal.store.WriteBehindAlertStore;

/** The healing stores' contracts on PostgreSQL, in a fresh schema for this class. */
class PostgresHealingStoresTest {

    private static PostgresSchema schema;
    private static Database database;

    @BeforeAll
    static void open() throws Exception {
        schema = new PostgresSchema();
        database = schema.open();
    }

    @AfterAll
    static void close() throws Exception {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Nested
    class Incidents extends IncidentStoreContract {
        @Override
        protected IncidentStore newStore() {
            schema.truncate(database);
            return new JdbcIncidentStore(database);
        }
    }

    @Nested
    class Journal extends RecoveryJournalContract {
        @Override
        protected RecoveryJournal newJournal() {
            schema.truncate(database);
            return new JdbcRecoveryJournal(database);
        }
    }

    @Nested
    class Effectiveness extends EffectivenessStoreContract {
        @Override
        protected EffectivenessStore newStore() {
            schema.truncate(database);
            return new JdbcEffectivenessStore(database);
        }
    }

    @Nested
    class Alerts extends AlertStoreContract {
        @Override
        protected AlertStore newStore() {
            schema.truncate(database);
            return new JdbcAlertStore(database);
        }
    }

    /** The same contract through the daemon's write-behind queue (small, so batches and a full queue happen). */
    @Nested
    class WriteBehindAlerts extends AlertStoreContract {
        @Override
        protected AlertStore newStore() {
            schema.truncate(database);
            return new WriteBehindAlertStore(new JdbcAlertStore(database), 4, 3);
        }
    }
}
