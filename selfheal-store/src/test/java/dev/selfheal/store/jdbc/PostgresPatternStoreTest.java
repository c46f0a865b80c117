package dev.selfheal.store.jdbc;

import dev.selfheal.testing.PostgresTestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The pattern database on the real PostgreSQL, a fresh schema per test; a restart opens a new pool on it. */
class PostgresPatternStoreTest extends PatternStoreContract {

    private final List<AutoCloseable> open = new ArrayList<>();
    private PostgresTestDatabase.Schema schema;

    @Override
    protected Database freshDatabase() {
        try {
            schema = PostgresTestDatabase.freshSchema();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        open.add(schema);
        Database db = Database.open(schema.url(), schema.user(), null);
        open.add(0, db);
        return db;
    }

    @Override
    protected Database reopen(Database before) {
        before.close();
        Database db = Database.open(schema.url(), schema.user(), null);
        open.add(0, db);
        return db;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }
}
