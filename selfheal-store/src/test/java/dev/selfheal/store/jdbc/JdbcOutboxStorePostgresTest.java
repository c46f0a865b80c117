package dev.selfheal.store.jdbc;

import dev.selfheal.store.OutboxStore;
import dev.selfheal.store.OutboxStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The outbox contract on PostgreSQL (skipped with a reason when none answers and CI is unset). */
class JdbcOutboxStorePostgresTest extends OutboxStoreContract {

    private PostgresOutboxTestDatabase pg;

    @Override
    protected OutboxStore newStore() throws Exception {
        pg = new PostgresOutboxTestDatabase();
        return new JdbcOutboxStore(pg.database);
    }

    @AfterEach
    void close() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }
}
