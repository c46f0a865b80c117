package dev.selfheal.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.selfheal.store.jdbc.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Opens selfheal's store: an embedded SQLite file by default, or the application's own
 * database when {@code selfheal.store.use-application-datasource} is set. In the application's
 * PostgreSQL database, selfheal's tables and Flyway history live in their own schema
 * ({@code selfheal.store.schema}), so they never mix with the application's migrations; the
 * store gets a small pool of its own on the same server and credentials, so a busy application
 * pool never starves the healing loop (nor the other way round). In the application's SQLite
 * database, where a schema is a file, they live in a file of their own beside it.
 */
final class SelfHealStore {

    private SelfHealStore() {
    }

    static Database open(SelfHealProperties.Store store, DataSource application) {
        if (!store.useApplicationDatasource()) {
            return Database.open(store.url(), store.username(), store.password());
        }
        if (application == null) {
            throw new IllegalStateException(
                    "selfheal.store.use-application-datasource is true but the application has no DataSource bean");
        }
        Credentials credentials = credentialsOf(application);
        if (credentials.url().startsWith("jdbc:sqlite:")) {
            return Database.open(besideSqlite(credentials.url(), store.schema()), null, null);
        }
        if (!credentials.url().startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("selfheal.store.use-application-datasource supports PostgreSQL and SQLite; "
                    + "the application's DataSource is " + scheme(credentials.url()));
        }
        createSchema(application, store.schema());
        return Database.open(inSchema(credentials.url(), store.schema()), credentials.username(), credentials.password());
    }

    /**
     * What can be told about sharing the application's database without connecting to it: its
     * URL when the pool knows it (Hikari does) must be PostgreSQL or a SQLite file.
     */
    static void checkWithoutConnecting(SelfHealProperties.Store store, DataSource application) {
        String url = null;
        try {
            if (application.isWrapperFor(HikariDataSource.class)) {
                url = application.unwrap(HikariDataSource.class).getJdbcUrl();
            }
        } catch (SQLException e) {
            return; // told when the loop opens the store
        }
        if (url == null) {
            return;
        }
        if (url.startsWith("jdbc:sqlite:")) {
            besideSqlite(url, store.schema());
        } else if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("selfheal.store.use-application-datasource supports PostgreSQL and SQLite; "
                    + "the application's DataSource is " + scheme(url));
        }
    }

    /** The URL with {@code currentSchema} set to {@code schema}, replacing any the application set. */
    static String inSchema(String url, String schema) {
        String withoutSchema = url.replaceAll("([?&])currentSchema=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return withoutSchema + (withoutSchema.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void createSchema(DataSource application, String schema) {
        try (Connection c = application.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema '" + schema + "' for selfheal.store.schema in the "
                    + "application's database: " + e.getMessage(), e);
        }
    }

    /**
     * In SQLite a schema is a file: selfheal's tables and Flyway history go to
     * {@code <file>-<schema>.db} beside the application's file, so they never mix with the
     * application's tables or its own Flyway history.
     */
    static String besideSqlite(String url, String schema) {
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isBlank() || path.contains(":memory:") || path.contains("mode=memory") || path.startsWith("file:")) {
            throw new IllegalStateException("selfheal.store.use-application-datasource needs the application's SQLite "
                    + "database to be a plain file path, not " + url.substring(0, Math.min(url.length(), 40))
                    + "; set selfheal.store.url instead");
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        String stem = dot > slash ? path.substring(0, dot) : path;
        return "jdbc:sqlite:" + stem + "-" + schema + ".db";
    }

    /** {@code jdbc:mysql:} of a URL: enough to say which database it is, nothing secret. */
    private static String scheme(String url) {
        int second = url.indexOf(':', "jdbc:".length());
        return second < 0 ? "not a JDBC URL" : url.substring(0, second + 1);
    }

    private record Credentials(String url, String username, String password) { }

    private static Credentials credentialsOf(DataSource application) {
        try {
            if (application.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = application.unwrap(HikariDataSource.class);
                if (hikari.getJdbcUrl() != null) {
                    return new Credentials(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
                }
            }
            try (Connection c = application.getConnection()) {
                return new Credentials(c.getMetaData().getURL(), c.getMetaData().getUserName(), null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the application's DataSource for "
                    + "selfheal.store.use-application-datasource: " + e.getMessage(), e);
        }
    }
}
