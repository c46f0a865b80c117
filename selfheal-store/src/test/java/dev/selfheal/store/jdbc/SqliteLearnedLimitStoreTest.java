package dev.selfheal.store.jdbc;

import dev.selfheal.learning.LearnedLimitStore;
import dev.selfheal.learning.LearnedLimitStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The learned-limit store's contract on a real SQLite file per test, reopened as a restarted daemon would. */
class SqliteLearnedLimitStoreTest extends LearnedLimitStoreContract {

    @TempDir
    Path dir;
    private final List<Database> open = new ArrayList<>();
    private int files;

    private Database open(String name) {
        Database db = Database.open("jdbc:sqlite:" + dir.resolve(name), null, null);
        open.add(db);
        return db;
    }

    @Override
    protected LearnedLimitStore newStore() {
        return new JdbcLearnedLimitStore(open("limits-" + (files++) + ".db"));
    }

    /** The last store's file, closed and opened again. */
    @Override
    protected LearnedLimitStore reopened(LearnedLimitStore store) {
        Database last = open.removeLast();
        last.close();
        return new JdbcLearnedLimitStore(open("limits-" + (files - 1) + ".db"));
    }

    @AfterEach
    void closeAll() {
        open.forEach(Database::close);
    }
}
