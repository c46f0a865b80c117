package dev.selfheal.store.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link WriteBehindJdbcAlertStoreTest} on a SQLite file, read back through a second open of the file. */
class WriteBehindAlertStoreSqliteTest extends WriteBehindJdbcAlertStoreTest {

    @TempDir
    Path dir;
    private final List<Database> open = new ArrayList<>();

    @Override
    protected Database database() {
        Database db = Database.open("jdbc:sqlite:" + dir.resolve("alerts.db"), null, null);
        open.add(db);
        return db;
    }

    @Override
    protected Database reopened() {
        open.forEach(Database::close);
        open.clear();
        return database();
    }

    @AfterEach
    void close() {
        open.forEach(Database::close);
    }
}
