package dev.selfheal.store.jdbc;

import dev.selfheal.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** {@link WriteBehindJdbcAlertStoreTest} on PostgreSQL (skipped outside CI when no server answers on 127.0.0.1:5432). */
class WriteBehindAlertStorePostgresTest extends WriteBehindJdbcAlertStoreTest {

    private static PostgresTestDatabase.Schema schema;
    private Database db;
    private Database second;

    @BeforeAll
    static void schema() {
        schema = PostgresTestDatabase.freshSchema();
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    protected Database database() {
        db = Database.open(schema.url(), schema.user(), null);
        db.jdbi().useHandle(h -> h.execute("TRUNCATE alerts, alert_decisions, silences"));
        return db;
    }

    @Override
    protected Database reopened() {
        second = Database.open(schema.url(), schema.user(), null);
        return second;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (second != null) {
            second.close();
        }
    }
}
