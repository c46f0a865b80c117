package dev.selfheal.health.checks;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.redaction.Redaction;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens a fresh connection through {@link DriverManager} and runs the validation query.
 *
 * <p>A fresh connection on every run is the point: a pool would hide a database that no longer
 * accepts new sessions. Drivers are not a dependency of core; the daemon puts them on its
 * classpath. The password is sent to the driver and nowhere else: it is scrubbed from driver
 * messages, and the URL is shown with {@code password=} parameters masked.
 */
public final class JdbcCheck implements HealthCheck {

    /**
     * @param url             a JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}
     * @param user            user name, if the URL does not carry one
     * @param password        password, if any (a secret: never shown)
     * @param validationQuery what to run (default {@code SELECT 1})
     * @param queryTimeout    how long the query may take (default 5 s; the driver counts whole seconds)
     */
    public record Settings(
            String url, Optional<String> user, Optional<String> password, String validationQuery, Duration queryTimeout) {

        public static final String DEFAULT_VALIDATION_QUERY = "SELECT 1";
        public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

        public Settings {
            Require.nonBlank(url, "url");
            Require.that(url.startsWith("jdbc:"), "url must start with 'jdbc:': %s", Redaction.url(url));
            Require.optional(user, "user");
            Require.optional(password, "password");
            Require.nonBlank(validationQuery, "validation-query");
            Require.positive(queryTimeout, "query-timeout");
            Require.that(queryTimeout.toSeconds() < Integer.MAX_VALUE, "query-timeout is too long: %s", queryTimeout);
        }

        /** No credentials, {@code SELECT 1}, 5 s. */
        public static Settings defaults(String url) {
            return new Settings(url, Optional.empty(), Optional.empty(), DEFAULT_VALIDATION_QUERY, DEFAULT_QUERY_TIMEOUT);
        }

        public Settings withCredentials(String user, String password) {
            return new Settings(url, Optional.of(user), Optional.of(password), validationQuery, queryTimeout);
        }

        /** Records print their fields; this one must not print the password. */
        @Override
        public String toString() {
            return "JdbcCheck.Settings[url=" + Redaction.url(url) + ", user=" + user
                    + ", password=" + password.map(p -> Redaction.MASK) + ", validationQuery=" + validationQuery
                    + ", queryTimeout=" + queryTimeout + "]";
        }
    }

    private final Settings settings;
    private final String shownUrl;

    public JdbcCheck(Settings settings) {
        this.settings = Require.nonNull(settings, "settings");
        this.shownUrl = Redaction.url(settings.url());
    }

    @Override
    public HealthCheckResult check() throws InterruptedException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", shownUrl);
        try (Connection connection = DriverManager.getConnection(settings.url(), credentials());
             Statement statement = connection.createStatement()) {
            details.put("database", connection.getMetaData().getDatabaseProductName());
            statement.setQueryTimeout(timeoutSeconds());
            long started = System.nanoTime();
            try {
                statement.execute(settings.validationQuery());
            } catch (SQLException e) {
                if (isTimeout(e, Duration.ofNanos(System.nanoTime() - started))) {
                    return HealthCheckResult.of(HealthStatus.UNHEALTHY, "'" + settings.validationQuery()
                            + "' did not finish within " + settings.queryTimeout() + " on " + shownUrl, details);
                }
                throw e;
            }
            return HealthCheckResult.of(HealthStatus.HEALTHY,
                    "'" + settings.validationQuery() + "' succeeded on " + shownUrl, details);
        } catch (SQLException e) {
            if (Thread.currentThread().isInterrupted()) {
                var interrupted = new InterruptedException("interrupted while checking " + shownUrl);
                interrupted.initCause(e);
                throw interrupted;
            }
            details.put("sql_state", Optional.ofNullable(e.getSQLState()).orElse(""));
            return HealthCheckResult.of(HealthStatus.UNHEALTHY, "JDBC check of " + shownUrl + " failed: " + reason(e), details);
        }
    }

    /**
     * Drivers report a query timeout differently: the standard {@link SQLTimeoutException}, or (as
     * PostgreSQL does) a plain "canceling statement" error with SQL state 57014 once the timer fired.
     */
    private boolean isTimeout(SQLException e, Duration elapsed) {
        return e instanceof SQLTimeoutException
                || ("57014".equals(e.getSQLState()) && elapsed.toSeconds() >= timeoutSeconds());
    }

    private Properties credentials() {
        var properties = new Properties();
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        return properties;
    }

    private int timeoutSeconds() {
        // Round up: a 500 ms timeout must not become 0, which JDBC reads as "no limit".
        return (int) Math.max(1, (settings.queryTimeout().toMillis() + 999) / 1000);
    }

    /** Drivers echo URLs and sometimes more; keep only what is safe to show. */
    private String reason(SQLException e) {
        String reason = Reasons.of(e);
        if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
            reason = "no JDBC driver on the classpath accepts this URL";
        }
        reason = reason.replace(settings.url(), shownUrl);
        for (String secret : Redaction.secretsIn(settings.url())) {
            reason = Redaction.scrub(reason, secret);
        }
        return Redaction.scrub(reason, settings.password().orElse(null));
    }

    @Override
    public String toString() {
        return "JdbcCheck[" + shownUrl + "]";
    }
}
