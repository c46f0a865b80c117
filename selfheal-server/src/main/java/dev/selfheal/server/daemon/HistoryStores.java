package dev.selfheal.server.daemon;

import dev.selfheal.health.history.HealthHistoryStore;
import dev.selfheal.redaction.Redaction;
import dev.selfheal.server.config.Secret;
import dev.selfheal.server.config.StoreConfig;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcHealthHistoryStore;

/** Opens the history store the config names: SQLite or PostgreSQL, migrated. */
final class HistoryStores {

    private HistoryStores() { }

    /** An open store and the database under it; closing closes both. */
    record OpenStore(HealthHistoryStore store, Database database) implements AutoCloseable {
        @Override
        public void close() {
            try {
                store.close();
            } finally {
                database.close();
            }
        }
    }

    static OpenStore open(StoreConfig config) {
        Database database;
        try {
            database = Database.open(config.url(), config.user().orElse(null), config.password().map(Secret::reveal).orElse(null));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open store.url %s: %s".formatted(Redaction.url(config.url()), rootMessage(e)), e);
        }
        return new OpenStore(new JdbcHealthHistoryStore(database), database);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
