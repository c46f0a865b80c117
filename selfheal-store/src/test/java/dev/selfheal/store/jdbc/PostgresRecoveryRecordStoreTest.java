package dev.selfheal.store.jdbc;

import dev.selfheal.learning.RecoveryRecordStore;
import dev.selfheal.learning.RecoveryRecordStoreContract;
import dev.selfheal.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The record store's contract on the real PostgreSQL, in a fresh schema for this class. */
class PostgresRecoveryRecordStoreTest extends RecoveryRecordStoreContract {

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

    @Override
    protected RecoveryRecordStore newStore() {
        database.jdbi().useHandle(h -> h.execute("DELETE FROM recovery_records"));
        return new JdbcRecoveryRecordStore(database);
    }
}
