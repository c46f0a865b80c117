package dev.selfheal.store.jdbc;

import dev.selfheal.resilience.OutboxStore;
import dev.selfheal.resilience.OutboxStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The outbox contract on a real SQLite file. */
class JdbcOutboxStoreSqliteTest extends OutboxStoreContract {

    @TempDir
    Path dir;

    private Database database;

    @Override
    protected OutboxStore newStore() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("selfheal.db"), null, null);
        return new JdbcOutboxStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }
}
