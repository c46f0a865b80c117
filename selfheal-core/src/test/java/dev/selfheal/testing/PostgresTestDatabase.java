package dev.selfheal.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server that tests use, and a throw-away schema in it. It ships in the core test
 * jar, so every module's tests share this one.
 *
 * <p>Outside CI a test skips with a message when the server does not answer; under CI
 * ({@code CI=true}) it fails, because a green run that skipped PostgreSQL proves nothing.
 * The server is {@code 127.0.0.1:5432}, database {@code test}, user {@code postgres}, trust
 * auth; {@code SELFHEAL_TEST_PG_URL} (and {@code SELFHEAL_TEST_PG_USER}) point elsewhere.
 *
 * <pre>{@code
 * static PostgresTestDatabase.Schema schema;
 * @BeforeAll static void schema() { schema = PostgresTestDatabase.freshSchema(); }
 * @AfterAll static void dropSchema() { schema.close(); }
 * ... Database.open(schema.url(), schema.user(), null) ...
 * }</pre>
 */
public final class PostgresTestDatabase {

    public static final String URL = env("SELFHEAL_TEST_PG_URL").orElse("jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("SELFHEAL_TEST_PG_USER").orElse("postgres");

    private static final Logger log = LoggerFactory.getLogger(PostgresTestDatabase.class);

    private PostgresTestDatabase() { }

    /** A schema that exists until {@link #close()} drops it with everything in it. */
    public record Schema(String name, String url, String user) implements AutoCloseable {
        @Override
        public void close() {
            try (Connection connection = connect(URL); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Why the server cannot be used, or empty when it answers {@code SELECT 1}. */
    public static Optional<String> unreachableReason() {
        try (Connection connection = connect(URL); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Skips the calling test (or class, from {@code @BeforeAll}) when PostgreSQL does not answer; fails under CI. */
    public static void assumeReachable() {
        unreachableReason().ifPresent(reason -> {
            String message = "PostgreSQL at %s as %s does not answer (%s)".formatted(URL, USER, reason);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true, so the PostgreSQL tests must run: start the server (see .ci/run)");
            }
            // Surefire reports a class skipped in @BeforeAll as "Tests run: 0" with no reason: say it here.
            log.warn("event=postgres_tests_skipped reason=\"{}\"", message);
            Assumptions.abort(message + "; skipping (set CI=true to make this a failure)");
        });
    }

    /** Checks that the server answers (see {@link #assumeReachable()}) and creates a new, empty schema in it. */
    public static Schema freshSchema() {
        assumeReachable();
        String name = "selfheal_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = connect(URL); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema " + name + ": " + e.getMessage(), e);
        }
        String separator = URL.contains("?") ? "&" : "?";
        return new Schema(name, URL + separator + "currentSchema=" + name, USER);
    }

    private static Connection connect(String url) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(url, properties);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
