package dev.selfheal.store.jdbc;

import dev.selfheal.resilience.OutboxStore;
import dev.selfheal.resilience.OutboxStoreContract;
import dev.selfheal.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;

/** The outbox contract on PostgreSQL, a fresh schema per test (skipped with a reason when none answers and CI is unset). */
class JdbcOutboxStorePostgresTest extends OutboxStoreContract {

    private PostgresTestDatabase.Schema schema;
    private Database database;

    @Override
    protected OutboxStore newStore() {
        schema = PostgresTestDatabase.freshSchema();
        database = Database.open(schema.url(), schema.user(), null);
        return new JdbcOutboxStore(database);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }
}
