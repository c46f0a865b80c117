package dev.selfheal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.degradation.DegradationSettings;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.metrics.PerformanceMonitor;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.time.Scheduler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition of the auto-configuration, on a real SQLite store in a temporary directory. */
class SelfHealAutoConfigurationTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SelfHealAutoConfiguration.class))
                .withPropertyValues("selfheal.store.url=jdbc:sqlite:" + dir.resolve("selfheal.db"));
    }

    private ApplicationContextRunner withActuatorAndMetrics() {
        return runner().withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class,
                MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class));
    }

    @Test
    void aPlainApplicationGetsTheLoopWithTheBuiltInActionsAndTheHandle() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(SelfHeal.class).hasSingleBean(HealthCheckManager.class);
            assertThat(context.getBean(RecoveryActionCatalog.class).names())
                    .contains("garbage_collect", "enable_degradation", "restart_service");
            assertThat(context.getBean(SelfHeal.class).degradation().allows("notifications")).isTrue();
            awaitLoop(context);
            assertThat(dir.resolve("selfheal.db")).exists();
            assertThat(context.getBean(SelfHeal.class).openIncidents()).isEmpty();
        });
    }

    @Test
    void theContextIsReadyBeforeTheLoopWhichStartsOnItsOwnThreadAndSaysSo() {
        runner().withUserConfiguration(HeldCheckSource.class, Contributors.class)
                .withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HeldCheckSource held = context.getBean(HeldCheckSource.class);
                    await().atMost(Duration.ofSeconds(30)).until(() -> held.asked.getCount() == 0);
                    SelfHeal selfHeal = context.getBean(SelfHeal.class);
                    assertThat(selfHeal.running()).isFalse();
                    assertThat(selfHeal.degradation().allows("notifications")).as("feature checks answer at once").isTrue();
                    HealthIndicator own = context.getBean("selfhealHealthIndicator", HealthIndicator.class);
                    assertThat(own.health().getStatus().getCode()).isEqualTo("UNKNOWN");
                    assertThat(own.health().getDetails()).containsEntry("loop", "starting");
                    held.release.countDown();
                    awaitLoop(context);
                    assertThat(own.health().getStatus().getCode()).isEqualTo("UP");
                    assertThat(context.getBean(HealthCheckManager.class).definition("held")).isPresent();
                });
    }

    @Test
    void aStoreThatCannotBeOpenedLeavesTheApplicationUpAndTheLoopDownWithTheReasonUntilItCanBe() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("not-a-directory"), "x");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SelfHealAutoConfiguration.class,
                        HealthContributorRegistryAutoConfiguration.class))
                .withPropertyValues("selfheal.store.url=jdbc:sqlite:" + dir.resolve("not-a-directory/selfheal.db"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SelfHealLifecycle lifecycle = context.getBean(SelfHealLifecycle.class);
                    await().atMost(Duration.ofSeconds(30)).until(() -> lifecycle.state() == SelfHealLifecycle.State.FAILED);
                    HealthIndicator own = context.getBean("selfhealHealthIndicator", HealthIndicator.class);
                    assertThat(own.health().getStatus().getCode()).isEqualTo("DOWN");
                    assertThat((String) own.health().getDetails().get("loop")).contains("store.url");
                    assertThatThrownBy(() -> context.getBean(SelfHeal.class).openIncidents())
                            .isInstanceOf(IllegalStateException.class).hasMessageContaining("store.url");

                    java.nio.file.Files.delete(dir.resolve("not-a-directory"));
                    awaitLoop(context);
                    assertThat(own.health().getStatus().getCode()).isEqualTo("UP");
                    assertThat(dir.resolve("not-a-directory/selfheal.db")).exists();
                });
    }

    @Test
    void aStoreUrlOfAnotherDatabaseStopsTheStartUpNamingTheKey() {
        runner().withPropertyValues("selfheal.store.url=jdbc:mysql://localhost/db").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("store.url"));
    }

    private static void awaitLoop(org.springframework.context.ApplicationContext context) {
        SelfHeal selfHeal = context.getBean(SelfHeal.class);
        await().atMost(Duration.ofSeconds(60)).until(selfHeal::running);
    }

    @Test
    void disabledByPropertyLeavesNothingBehind() {
        runner().withPropertyValues("selfheal.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SelfHeal.class).doesNotHaveBean(HealthCheckManager.class);
            assertThat(dir.resolve("selfheal.db")).doesNotExist();
        });
    }

    @Test
    void everyActuatorContributorBecomesACheckInItsGroup() {
        withActuatorAndMetrics().withUserConfiguration(Contributors.class).run(context -> {
            assertThat(context).hasNotFailed();
            awaitLoop(context);
            HealthCheckManager health = context.getBean(HealthCheckManager.class);
            assertThat(health.definition("db")).get().extracting(d -> d.group()).isEqualTo("database");
            assertThat(health.definition("payments")).get().extracting(d -> d.group()).isEqualTo("application");
            assertThat(health.definition("selfheal")).as("its own contributor is not checked").isEmpty();
        });
    }

    @Test
    void withoutActuatorThereAreNoContributorChecksButTheLoopRuns() {
        runner().withClassLoader(new FilteredClassLoader(HealthContributorRegistry.class, HealthIndicator.class))
                .withUserConfiguration(Contributors.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(SelfHeal.class);
                    awaitLoop(context);
                    assertThat(context.getBean(HealthCheckManager.class).definition("db")).isEmpty();
                });
    }

    @Test
    void aContributorThatGoesDownOpensAnIncidentAndTheSelfhealContributorStaysUp() {
        withActuatorAndMetrics().withUserConfiguration(Contributors.class)
                .withPropertyValues("selfheal.health.interval=100ms", "selfheal.health.failure-threshold=1")
                .run(context -> {
                    context.getBean(Contributors.class).paymentsUp.set(false);
                    SelfHeal selfHeal = context.getBean(SelfHeal.class);
                    await().atMost(Duration.ofSeconds(30)).until(() ->
                            selfHeal.openIncidents().stream().map(Incident::component).toList().contains("payments"));
                    HealthIndicator own = context.getBean("selfhealHealthIndicator", HealthIndicator.class);
                    Health health = own.health();
                    assertThat(health.getStatus().getCode()).isEqualTo("UP");
                    assertThat(health.getDetails()).containsEntry("open_incidents", 1);
                });
    }

    @Test
    void withoutAMeterRegistryThereIsNoPerformanceMonitor() {
        runner().run(context -> assertThat(context).doesNotHaveBean(PerformanceMonitor.class));
        withActuatorAndMetrics().run(context -> assertThat(context).hasSingleBean(PerformanceMonitor.class));
        withActuatorAndMetrics().withPropertyValues("selfheal.performance.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PerformanceMonitor.class));
    }

    @Test
    void anOpeningBreakerIsReportedAtOnceAndRestartIntegrationHalfOpensIt() {
        runner().withUserConfiguration(Breakers.class).run(context -> {
            assertThat(context).hasNotFailed();
            awaitLoop(context);
            assertThat(context.getBean(HealthCheckManager.class).definition("pricing")).get()
                    .extracting(d -> d.group()).isEqualTo("integrations");
            assertThat(context.getBean(RecoveryActionCatalog.class).names()).contains("restart_integration");
            CircuitBreaker pricing = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("pricing");
            pricing.transitionToOpenState();
            SelfHeal selfHeal = context.getBean(SelfHeal.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> selfHeal.openIncidents().stream()
                    .anyMatch(i -> i.component().equals("pricing") && i.problemTypes().contains(ProblemType.INTEGRATION_FAILURE)));
            await().atMost(Duration.ofSeconds(30)).until(() -> pricing.getState() != CircuitBreaker.State.OPEN);
        });
    }

    @Test
    void withoutResilience4jOnTheClassPathNoBreakerPieceIsConfigured() {
        runner().withClassLoader(new FilteredClassLoader(CircuitBreakerRegistry.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RecoveryActionCatalog.class).names()).doesNotContain("restart_integration");
        });
    }

    @Test
    void aHikariPoolAndACacheManagerGetTheirActions() {
        runner().withUserConfiguration(PoolAndCaches.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RecoveryActionCatalog.class).names())
                    .contains("clear_dead_connections", "clear_cache");
        });
    }

    @Test
    void theApplicationsOwnBeansWin() {
        runner().withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DegradationManager.class)).isSameAs(context.getBean(OwnBeans.class).degradation);
            assertThat(context.getBean(SelfHeal.class).degradation().allows("notifications")).isTrue();
        });
    }

    @Test
    void theApplicationsOwnStoreWinsAndNothingOpensTheConfiguredOne() {
        runner().withUserConfiguration(OwnStore.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(StoreOpener.class);
            awaitLoop(context);
            assertThat(context.getBean(Database.class)).isSameAs(context.getBean(OwnStore.class).database);
            assertThat(dir.resolve("own.db")).exists();
            assertThat(dir.resolve("selfheal.db")).as("the configured store is never opened").doesNotExist();
        });
    }

    @Test
    void aLifecycleBeanNamedForAComponentIsRestartedAndABadNameStopsTheStartUp() {
        runner().withUserConfiguration(Worker.class).withPropertyValues("selfheal.healing.restart.worker=worker")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RecoveryActionCatalog.class).actionNamesFor(ProblemType.COMPONENT_UNHEALTHY))
                            .containsExactly("restart_service");
                });
        runner().withPropertyValues("selfheal.healing.restart.worker=nope").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("selfheal.healing.restart.worker")
                        .hasMessageContaining("nope"));
    }

    @Test
    void aBadPropertyNamesItsKey() {
        runner().withPropertyValues("selfheal.health.interval=-5s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("selfheal.health.interval"));
        runner().withPropertyValues("selfheal.performance.error-rate=7").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("selfheal.performance.error-rate"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Contributors {
        final AtomicBoolean paymentsUp = new AtomicBoolean(true);

        @Bean
        HealthIndicator dbHealthIndicator() {
            return () -> Health.up().build();
        }

        @Bean
        HealthIndicator paymentsHealthIndicator() {
            return () -> paymentsUp.get() ? Health.up().build() : Health.down().withDetail("error", "refused").build();
        }
    }

    /** A check source whose checks are ready only when the test says: the loop's start waits for it. */
    @Configuration(proxyBeanMethods = false)
    static class HeldCheckSource {
        final java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        @Bean
        CheckSource heldChecks() {
            return new CheckSource() {
                @Override
                public java.util.List<dev.selfheal.health.CheckDefinition> checks() {
                    asked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return java.util.List.of(dev.selfheal.health.CheckDefinition.builder("held",
                            () -> dev.selfheal.status.HealthCheckResult.healthy("fine")).build());
                }

                @Override
                public java.util.Map<String, ProblemType> problemTypes() {
                    return java.util.Map.of();
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Breakers {
        @Bean
        CircuitBreakerRegistry circuitBreakerRegistry() {
            CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
            registry.circuitBreaker("pricing");
            return registry;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PoolAndCaches {
        @Bean(destroyMethod = "close")
        DataSource dataSource(@org.springframework.beans.factory.annotation.Value("${selfheal.store.url}") String url) {
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(url.replace("selfheal.db", "app.db"));
            return ds;
        }

        @Bean
        CacheManager cacheManager() {
            return new ConcurrentMapCacheManager("prices");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        DegradationManager degradation;

        @Bean
        DegradationManager degradationManager(Scheduler scheduler, EventBus bus) {
            degradation = new DegradationManager(scheduler, bus, new DegradationSettings(Duration.ofSeconds(5)));
            return degradation;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        Database database;

        @Bean(destroyMethod = "close")
        Database ownDatabase(@org.springframework.beans.factory.annotation.Value("${selfheal.store.url}") String url) {
            database = Database.open(url.replace("selfheal.db", "own.db"));
            return database;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Worker {
        @Bean
        SmartLifecycle worker() {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override public void start() { running = true; }
                @Override public void stop() { running = false; }
                @Override public boolean isRunning() { return running; }
            };
        }
    }
}
