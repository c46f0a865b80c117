package dev.selfheal.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * (Kept beside {@link dev.selfheal.testing.PostgresTestDatabase} for the outbox tests, which hold a schema and a
 * {@link Database} together.)
 *
 * A throw-away schema on the PostgreSQL named by {@code SELFHEAL_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code SELFHEAL_PG_USER} (default
 * {@code postgres}) and {@code SELFHEAL_PG_PASSWORD}. When the server does not answer the test is skipped
 * with the reason, unless {@code CI} is set: in CI, PostgreSQL tests must run.
 */
final class PostgresOutboxTestDatabase implements AutoCloseable {

    private final String baseUrl;
    private final String user;
    private final String password;
    final String schema = "selfheal_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final Database database;

    PostgresOutboxTestDatabase() throws SQLException {
        baseUrl = env("SELFHEAL_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        user = env("SELFHEAL_PG_USER", "postgres");
        password = env("SELFHEAL_PG_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(baseUrl + (baseUrl.contains("?") ? "&" : "?") + "connectTimeout=3", user, password)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank();
            String why = "PostgreSQL at %s (user %s) does not answer: %s. Set SELFHEAL_PG_URL/USER/PASSWORD to run these tests."
                    .formatted(baseUrl, user, e.getMessage());
            if (ci) {
                throw new IllegalStateException("CI is set, so PostgreSQL tests must run, but " + why, e);
            }
            Assumptions.abort(why);
        }
        database = Database.open(baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    public void close() throws SQLException {
        database.close();
        try (Connection c = DriverManager.getConnection(baseUrl, user, password)) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
