package dev.selfheal.store.jdbc;

import dev.selfheal.learning.LearnedLimitStore;
import dev.selfheal.learning.LearnedLimitStoreContract;
import dev.selfheal.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The learned-limit store's contract on the real PostgreSQL, in a fresh schema for this class. */
class PostgresLearnedLimitStoreTest extends LearnedLimitStoreContract {

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
    protected LearnedLimitStore newStore() {
        database.jdbi().useHandle(h -> h.execute("DELETE FROM learned_limits"));
        return new JdbcLearnedLimitStore(database);
    }

    /** A second connection pool on the same schema: what a restarted daemon opens. */
    @Override
    protected LearnedLimitStore reopened(LearnedLimitStore store) {
        Database again = Database.open(schema.url(), schema.user(), null);
        reopenedDatabases.add(again);
        return new JdbcLearnedLimitStore(again);
    }

    private static final java.util.List<Database> reopenedDatabases = new java.util.ArrayList<>();

    @AfterAll
    static void closeReopened() {
        reopenedDatabases.forEach(Database::close);
    }
}
