package dev.selfheal.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.health.HealthCheckContract;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import dev.selfheal.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcCheckTest {

    @TempDir
    Path dir;

    private String sqliteUrl() {
        return "jdbc:sqlite:" + dir.resolve("health.db");
    }

    private static JdbcCheck.Settings withQuery(JdbcCheck.Settings settings, String query) {
        return new JdbcCheck.Settings(settings.url(), settings.user(), settings.password(), query, settings.queryTimeout());
    }

    @Test
    void a_sqlite_file_that_answers_the_validation_query_is_healthy() throws Exception {
        HealthCheckResult result = new JdbcCheck(JdbcCheck.Settings.defaults(sqliteUrl())).check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.message()).isEqualTo("'SELECT 1' succeeded on " + sqliteUrl());
        assertThat(result.details()).containsEntry("database", "SQLite").containsEntry("url", sqliteUrl());
        assertThat(dir.resolve("health.db")).exists();
    }

    @Test
    void a_failing_validation_query_is_unhealthy_with_the_database_error() throws Exception {
        var settings = withQuery(JdbcCheck.Settings.defaults(sqliteUrl()), "SELECT count(*) FROM jobs");

        HealthCheckResult result = new JdbcCheck(settings).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).startsWith("JDBC check of " + sqliteUrl() + " failed: ").contains("no such table: jobs");
    }

    @Test
    void a_database_that_cannot_be_opened_is_unhealthy() throws Exception {
        String unopenable = "jdbc:sqlite:" + dir.resolve("no-such-dir/health.db");

        HealthCheckResult result = new JdbcCheck(JdbcCheck.Settings.defaults(unopenable)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).startsWith("JDBC check of " + unopenable + " failed: ");
    }

    @Test
    void a_url_no_driver_accepts_is_unhealthy_with_the_password_masked() throws Exception {
        var settings = JdbcCheck.Settings.defaults("jdbc:nosuchdb://db.internal/app?user=app&password=hunter2")
                .withCredentials("app", "s3cr3t");

        HealthCheckResult result = new JdbcCheck(settings).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("JDBC check of jdbc:nosuchdb://db.internal/app?user=app&password=*** failed: "
                + "no JDBC driver on the classpath accepts this URL");
        assertThat(result.toString()).doesNotContain("hunter2").doesNotContain("s3cr3t");
        assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("s3cr3t");
    }

    @Test
    void bad_settings_are_refused_naming_the_key_and_the_value() {
        assertThatThrownBy(() -> JdbcCheck.Settings.defaults("postgresql://db/app?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must start with 'jdbc:': postgresql://db/app?password=***");
        assertThatThrownBy(() -> withQuery(JdbcCheck.Settings.defaults(sqliteUrl()), " "))
                .hasMessage("validation-query must not be blank: ' '");
        assertThatThrownBy(() -> new JdbcCheck.Settings(sqliteUrl(), Optional.empty(), Optional.empty(), "SELECT 1", Duration.ZERO))
                .hasMessage("query-timeout must be a positive duration, got PT0S");
        assertThatThrownBy(() -> new JdbcCheck.Settings(sqliteUrl(), null, Optional.empty(), "SELECT 1", Duration.ofSeconds(1)))
                .hasMessage("user must be set");
    }

    @Nested
    class OnSqlite extends HealthCheckContract {

        @Override
        protected HealthCheck healthyCheck() {
            return new JdbcCheck(JdbcCheck.Settings.defaults(sqliteUrl()));
        }

        @Override
        protected HealthCheck failingCheck() {
            return new JdbcCheck(withQuery(JdbcCheck.Settings.defaults(sqliteUrl()), "SELECT * FROM missing_table"));
        }
    }

    @Nested
    class OnPostgres extends HealthCheckContract {

        @BeforeEach
        void requirePostgres() {
            PostgresTestDatabase.assumeReachable();
        }

        @Override
        protected HealthCheck healthyCheck() {
            return new JdbcCheck(JdbcCheck.Settings.defaults(PostgresTestDatabase.URL).withCredentials(PostgresTestDatabase.USER, "unused-under-trust"));
        }

        @Override
        protected HealthCheck failingCheck() {
            return new JdbcCheck(JdbcCheck.Settings.defaults("jdbc:postgresql://127.0.0.1:5432/selfheal_no_such_database"));
        }

        @Override
        protected Optional<HealthCheck> blockingCheck() {
            var settings = JdbcCheck.Settings.defaults(PostgresTestDatabase.URL + "?user=" + PostgresTestDatabase.USER);
            return Optional.of(new JdbcCheck(withQuery(settings, "SELECT pg_sleep(30)")));
        }

        @Test
        void a_healthy_postgres_reports_its_product_name() throws Exception {
            HealthCheckResult result = healthyCheck().check();

            assertThat(result.details()).containsEntry("database", "PostgreSQL");
        }

        @Test
        void a_slow_query_past_its_timeout_is_unhealthy() throws Exception {
            var settings = new JdbcCheck.Settings(PostgresTestDatabase.URL, Optional.of(PostgresTestDatabase.USER), Optional.empty(),
                    "SELECT pg_sleep(10)", Duration.ofSeconds(1));

            HealthCheckResult result = new JdbcCheck(settings).check();

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).contains("pg_sleep(10)").contains(PostgresTestDatabase.URL);
        }

        @Test
        void a_password_in_the_url_or_settings_never_shows_in_a_failure() throws Exception {
            var settings = JdbcCheck.Settings.defaults(
                    "jdbc:postgresql://127.0.0.1:5432/selfheal_no_such_database?user=postgres&password=hunter2")
                    .withCredentials("postgres", "s3cr3t");

            HealthCheckResult result = new JdbcCheck(settings).check();

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).contains("password=***").contains("selfheal_no_such_database");
            assertThat(result.toString()).doesNotContain("hunter2").doesNotContain("s3cr3t");
        }
    }
}
