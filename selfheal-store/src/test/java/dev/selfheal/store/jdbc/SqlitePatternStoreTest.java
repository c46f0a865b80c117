package dev.selfheal.store.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The pattern database on a real SQLite file per test; a restart opens the same file again. */
class SqlitePatternStoreTest extends PatternStoreContract {

    @TempDir
    Path dir;
    private final List<Database> open = new ArrayList<>();
    private int files;

    @Override
    protected Database freshDatabase() {
        Database db = Database.open("jdbc:sqlite:" + dir.resolve("patterns-" + (files++) + ".db"));
        open.add(db);
        return db;
    }

    @Override
    protected Database reopen(Database before) {
        before.close();
        Database db = Database.open("jdbc:sqlite:" + dir.resolve("patterns-" + (files - 1) + ".db"));
        open.add(db);
        return db;
    }

    @AfterEach
    void closeAll() {
        open.forEach(Database::close);
    }
}
