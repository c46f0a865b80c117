package dev.selfheal.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.selfheal.redaction.Redaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database: a HikariCP pool, the schema migrated by Flyway, and a JDBI handle factory.
 * SQLite ({@code jdbc:sqlite:data/selfheal.db}, the default) or PostgreSQL
 * ({@code jdbc:postgresql://host:port/db}). Both run one set of migrations,
 * {@code db/migration/common}, whose few dialect-specific spellings are Flyway placeholders
 * that {@link Dialect} sets (see {@code db/migration/README.md}). A database that already has
 * every bundled migration, as applied (see {@link CurrentSchema}), is opened without starting
 * Flyway: a restart costs a query of the schema history instead of Flyway's scan and validation.
 *
 * <p>SQLite runs in WAL mode with one writer connection: SQLite serialises writers anyway,
 * and a single pooled connection turns "database is locked" errors into an orderly queue.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** The SQL dialect: the values of the migrations' placeholders, and the few statements that differ. */
    public enum Dialect {
        SQLITE(Map.of(
                "id", "INTEGER PRIMARY KEY",
                "id_never_reused", "INTEGER PRIMARY KEY AUTOINCREMENT",
                "bigint", "INTEGER",
                "boolean", "INTEGER",
                "id_last_in_index", "")),
        POSTGRESQL(Map.of(
                "id", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                "id_never_reused", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                "bigint", "BIGINT",
                "boolean", "BOOLEAN",
                "id_last_in_index", ", id"));

        private final Map<String, String> placeholders;

        Dialect(Map<String, String> placeholders) {
            this.placeholders = placeholders;
        }

        /** What each placeholder of the migrations stands for in this dialect. */
        public Map<String, String> placeholders() {
            return placeholders;
        }

        /** The folder of migrations that only this dialect runs; it exists only when one could not be written once. */
        String ownMigrations() {
            return "db/migration/" + name().toLowerCase(Locale.ROOT);
        }
    }

    static final String COMMON_MIGRATIONS = "db/migration/common";

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Opens and migrates a database that needs no credentials (SQLite, or PostgreSQL with trust auth). */
    /** SQLite's WAL is checkpointed when it reaches this many pages (4 KiB each: about 1 MB). */
    static final int WAL_CHECKPOINT_PAGES = 256;
    /** What a checkpointed WAL file is truncated back to. */
    static final long WAL_LIMIT_BYTES = 1L << 20;

    public static Database open(String url) {
        return open(url, null, null);
    }

    /**
     * Opens (creating the file or schema when needed) and migrates the database at {@code url}.
     * {@code user} and {@code password} may be null or blank when the server needs none.
     *
     * @throws IllegalArgumentException naming {@code store.url} (with any password redacted)
     *         when the URL is not one we support, or the database cannot be reached or migrated
     */
    public static Database open(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("store.url is empty: expected jdbc:sqlite:<file> or jdbc:postgresql://host:port/db");
        }
        Dialect dialect = dialectOf(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("selfheal-store");
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        if (dialect == Dialect.SQLITE) {
            createParentDirectory(url);
            config.setMaximumPoolSize(1);
            config.setConnectionInitSql("PRAGMA busy_timeout=5000");
            config.addDataSourceProperty("journal_mode", "WAL");
            // The WAL is checkpointed at about 1 MB and truncated back to 1 MB after each checkpoint: it
            // used to grow from 1 MB to 4 MB in 20 s once a full disk had space again, and on a small
            // filesystem the daemon filled the disk with its own log of changes.
            config.addDataSourceProperty("wal_autocheckpoint", Integer.toString(WAL_CHECKPOINT_PAGES));
            config.addDataSourceProperty("journal_size_limit", Long.toString(WAL_LIMIT_BYTES));
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("foreign_keys", "true");
        } else {
            config.setMaximumPoolSize(4);
            // The driver sends a batch as multi-row INSERTs instead of one statement per row:
            // history batches are up to 1,000 rows.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot open store.url '%s': %s".formatted(redacted(url), rootMessage(e)), e);
        }
        boolean current;
        try {
            current = CurrentSchema.isCurrent(dataSource, dialect);
            if (!current) {
                Flyway flyway = flyway(dataSource, dialect);
                LegacyChecksums.realign(flyway, dialect);
                flyway.migrate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalArgumentException(
                    "cannot migrate the schema at store.url '%s': %s".formatted(redacted(url), rootMessage(e)), e);
        }
        // schema=current: every bundled migration was already applied, and Flyway was not started
        log.info("event=store_opened dialect={} schema={} url=\"{}\"", dialect, current ? "current" : "migrated", redacted(url));
        return new Database(dataSource, dialect);
    }

    static Flyway flyway(javax.sql.DataSource dataSource, Dialect dialect) {
        return migrations(dialect).dataSource(dataSource).load();
    }

    /** Where the dialect's migrations are and what their placeholders stand for; no database yet. */
    static FluentConfiguration migrations(Dialect dialect) {
        return Flyway.configure()
                .locations(CurrentSchema.locations(dialect).stream().map(l -> "classpath:" + l).toArray(String[]::new))
                .placeholders(dialect.placeholders());
    }

    /** The URL with its secrets masked, for messages and logs. */
    static String redacted(String url) {
        return Redaction.url(url);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return Redaction.text(message);
    }

    public static Dialect dialectOf(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return Dialect.SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "store.url must start with jdbc:sqlite: or jdbc:postgresql:, got '%s'".formatted(redacted(url)));
    }

    /** The file of a {@code jdbc:sqlite:} URL naming a plain file; empty for memory, {@code file:} URIs and other stores. */
    public static Optional<Path> sqliteFile(String url) {
        if (!url.startsWith("jdbc:sqlite:")) {
            return Optional.empty();
        }
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isBlank() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path).toAbsolutePath());
    }

    private static void createParentDirectory(String url) {
        Optional<Path> file = sqliteFile(url);
        if (file.isEmpty()) {
            return;
        }
        Path parent = file.get().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    "cannot create the directory for store.url '%s': %s".formatted(redacted(url), e), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
