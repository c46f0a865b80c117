package dev.selfheal.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database: a HikariCP pool, the schema migrated by Flyway, and a JDBI handle factory.
 * SQLite ({@code jdbc:sqlite:data/selfheal.db}, the default) or PostgreSQL
 * ({@code jdbc:postgresql://host:port/db}); each dialect keeps its migrations in
 * {@code db/migration/<dialect>}.
 *
 * <p>SQLite runs in WAL mode with one writer connection: SQLite serialises writers anyway,
 * and a single pooled connection turns "database is locked" errors into an orderly queue.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;\\s]*");

    /** The SQL dialect, which picks the migrations and the few statements that differ. */
    public enum Dialect { SQLITE, POSTGRESQL }

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Opens and migrates a database that needs no credentials (SQLite, or PostgreSQL with trust auth). */
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
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalArgumentException(
                    "cannot migrate the schema at store.url '%s': %s".formatted(redacted(url), rootMessage(e)), e);
        }
        log.info("event=store_opened dialect={} url=\"{}\"", dialect, redacted(url));
        return new Database(dataSource, dialect);
    }

    /** The URL with any {@code password=} parameter masked, for messages and logs. */
    static String redacted(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return PASSWORD_PARAMETER.matcher(message).replaceAll("$1***");
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

    private static void createParentDirectory(String url) {
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isBlank() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
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
