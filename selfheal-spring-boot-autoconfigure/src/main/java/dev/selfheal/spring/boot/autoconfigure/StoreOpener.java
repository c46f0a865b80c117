package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.store.jdbc.Database;
import javax.sql.DataSource;

/**
 * Opens selfheal's store once, on whichever thread asks first, without holding Spring's singleton
 * lock: the loop's start-up thread opens it before it asks Spring for the beans built on it, so
 * opening the file and migrating the schema (the bulk of selfheal's start-up cost) never holds
 * up the application's own bean creation. What can be checked without opening anything (the
 * URL's scheme, that the application has a DataSource to share) is checked when this is built,
 * so a bad setting still stops the application's start-up with a message naming the key.
 */
final class StoreOpener implements AutoCloseable {

    private final SelfHealProperties.Store properties;
    private final DataSource application;
    private Database database;
    private boolean closed;

    StoreOpener(SelfHealProperties.Store properties, DataSource application) {
        this.properties = properties;
        this.application = application;
        if (properties.useApplicationDatasource()) {
            if (application == null) {
                throw new IllegalStateException(
                        "selfheal.store.use-application-datasource is true but the application has no DataSource bean");
            }
            SelfHealStore.checkWithoutConnecting(properties, application);
        } else {
            try {
                Database.dialectOf(properties.url());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("selfheal.store.url: " + e.getMessage(), e);
            }
        }
    }

    /** The store, opened and migrated by the first caller; later callers wait for that one. */
    synchronized Database database() {
        if (closed) {
            throw new IllegalStateException("selfheal's store is closed: the application is shutting down");
        }
        if (database == null) {
            database = SelfHealStore.open(properties, properties.useApplicationDatasource() ? application : null);
        }
        return database;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (database != null) {
            database.close();
        }
    }
}
