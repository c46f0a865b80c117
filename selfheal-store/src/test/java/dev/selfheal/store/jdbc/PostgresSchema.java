package dev.selfheal.store.jdbc;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL schema for one test class, on 127.0.0.1:5432 (override with
 * SELFHEAL_PG_URL, SELFHEAL_PG_USER, SELFHEAL_PG_PASSWORD). When the server does not answer the
 * tests are skipped with a message, except under CI=true, where they must run and so fail.
 */
final class PostgresSchema implements AutoCloseable {

    private static final String BASE = env("SELFHEAL_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("SELFHEAL_PG_USER", "postgres");
    static final String PASSWORD = env("SELFHEAL_PG_PASSWORD", "postgres");

    final String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    PostgresSchema() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        Assumptions.assumeTrue(ci || reachable(),
                "PostgreSQL on 127.0.0.1:5432 does not answer and CI is unset: PostgreSQL store tests skipped");
        try (Connection c = DriverManager.getConnection(BASE, USER, PASSWORD)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
    }

    String url() {
        return BASE + (BASE.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    Database open() {
        return Database.open(url(), USER, PASSWORD);
    }

    void truncate(Database db) {
        db.jdbi().useHandle(h -> h.execute("TRUNCATE incident_timeline, incident_problems, incidents, recovery_journal, action_effectiveness, alerts, alert_decisions, silences"));
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() throws Exception {
        try (Connection c = DriverManager.getConnection(BASE, USER, PASSWORD)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
