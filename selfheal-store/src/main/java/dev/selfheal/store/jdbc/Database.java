package dev.selfheal.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

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

    /** Opens (creating the file or schema when needed) and migrates the database at {@code url}. */
    public static Database open(String url, String user, String password) {
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
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/" + dialect.name().toLowerCase())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, dialect);
    }

    public static Dialect dialectOf(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return Dialect.SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "store.url must start with jdbc:sqlite: or jdbc:postgresql:, got '%s'".formatted(url));
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
            throw new IllegalArgumentException("cannot create the directory for store.url '%s': %s".formatted(url, e), e);
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
