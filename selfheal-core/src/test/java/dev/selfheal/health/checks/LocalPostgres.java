package dev.selfheal.health.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests use: 127.0.0.1:5432, database {@code test}, user {@code postgres}
 * with trust auth. Outside CI a test skips, saying why, when the server does not answer; under CI
 * ({@code CI=true}) the same test fails instead, so a missing server is never silently skipped.
 */
final class LocalPostgres {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private LocalPostgres() { }

    static void require() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2_000);
        } catch (IOException e) {
            String why = "PostgreSQL does not answer at 127.0.0.1:5432 (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + "; CI=true, so the PostgreSQL tests must run");
            }
            Assumptions.abort(why + "; skipping the PostgreSQL test (set CI=true to make this a failure)");
        }
    }
}
