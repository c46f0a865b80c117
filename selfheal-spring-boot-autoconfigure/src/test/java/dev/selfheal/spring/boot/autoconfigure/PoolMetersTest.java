package dev.selfheal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.metrics.PerformanceMonitor;
import dev.selfheal.metrics.Violation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's Hikari pool, through the meters Spring Boot binds for it, in performance
 * monitoring: a real pool of one connection on a SQLite file, exhausted so that a request times
 * out, is over its limit as component {@code db} and opens an incident; once requests succeed
 * again it is within its limits.
 */
class PoolMetersTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SelfHealAutoConfiguration.class, MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                        DataSourcePoolMetricsAutoConfiguration.class))
                .withUserConfiguration(OnePool.class)
                // The test reads the meters itself: the watch's own cycle would take the deltas it compares.
                .withPropertyValues("selfheal.store.url=jdbc:sqlite:" + dir.resolve("selfheal.db"),
                        "selfheal.performance.interval=1h");
    }

    @Test
    void aTimedOutConnectionRequestIsOverThePoolsLimitAndOpensAnIncidentOfTheDatabase() throws Exception {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            SelfHeal selfHeal = context.getBean(SelfHeal.class);
            await().atMost(Duration.ofSeconds(60)).until(selfHeal::running);
            DataSource pool = context.getBean(DataSource.class);
            PerformanceMonitor monitor = context.getBean(PerformanceMonitor.class);

            try (Connection c = pool.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            monitor.assess();
            assertThat(monitor.measures("db")).as("the pool's meters are read").isTrue();
            assertThat(monitor.standingViolation("db")).isEmpty();

            try (Connection held = pool.getConnection()) {
                assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
            }
            monitor.assess();
            Violation timeouts = monitor.standingViolation("db").orElseThrow();
            assertThat(timeouts.measurement().kind()).isEqualTo(MetricKind.ERROR_RATE);
            assertThat(timeouts.measurement().value()).as("the share of requests that timed out")
                    .isGreaterThan(0.05).isLessThanOrEqualTo(0.5);
            await().atMost(Duration.ofSeconds(30)).until(() -> selfHeal.openIncidents().stream()
                    .filter(i -> i.component().equals("db")).map(Incident::problemTypes)
                    .anyMatch(types -> types.contains(ProblemType.PERFORMANCE_DEGRADATION)));

            try (Connection c = pool.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            monitor.assess();
            assertThat(monitor.standingViolation("db")).as("the next request got its connection").isEmpty();
        });
    }

    @Test
    void aPoolLimitThatIsNotAFractionNamesItsKey() {
        runner().withPropertyValues("selfheal.performance.pool.timeouts=3").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("selfheal.performance.pool.timeouts"));
        runner().withPropertyValues("selfheal.performance.pool.pending=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("selfheal.performance.pool.pending"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OnePool {
        @Bean(destroyMethod = "close")
        HikariDataSource dataSource(@Value("${selfheal.store.url}") String url) {
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(url.replace("selfheal.db", "app.db"));
            ds.setPoolName("app");
            ds.setMaximumPoolSize(1);
            ds.setConnectionTimeout(250);
            return ds;
        }
    }
}
