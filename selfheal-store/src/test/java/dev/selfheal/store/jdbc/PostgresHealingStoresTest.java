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
import dev.selfheal.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The healing stores' contracts on PostgreSQL, in a fresh schema for this class. */
class PostgresHealingStoresTest {

    private static PostgresTestDatabase.Schema schema;
    private static Database database;

    @BeforeAll
    static void open() throws Exception {
        schema = PostgresTestDatabase.freshSchema();
        database = Database.open(schema.url(), schema.user(), null);
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

    /** Each contract test starts from empty tables. */
    private static void truncate() {
        database.jdbi().useHandle(h -> h.execute(
                "TRUNCATE incident_timeline, incident_problems, incidents, recovery_journal, action_effectiveness, alerts, alert_decisions, silences"));
    }

    @Nested
    class Incidents extends IncidentStoreContract {
        @Override
        protected IncidentStore newStore() {
            truncate();
            return new JdbcIncidentStore(database);
        }
    }

    @Nested
    class Journal extends RecoveryJournalContract {
        @Override
        protected RecoveryJournal newJournal() {
            truncate();
            return new JdbcRecoveryJournal(database);
        }
    }

    @Nested
    class Effectiveness extends EffectivenessStoreContract {
        @Override
        protected EffectivenessStore newStore() {
            truncate();
            return new JdbcEffectivenessStore(database);
        }
    }

    @Nested
    class Alerts extends AlertStoreContract {
        @Override
        protected AlertStore newStore() {
            truncate();
            return new JdbcAlertStore(database);
        }
    }

    /** The same contract through the daemon's write-behind queue (small, so batches and a full queue happen). */
    @Nested
    class WriteBehindAlerts extends AlertStoreContract {
        @Override
        protected AlertStore newStore() {
            truncate();
            return new WriteBehindAlertStore(new JdbcAlertStore(database), 4, 3);
        }
    }
}
