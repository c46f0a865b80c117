package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.degradation.DegradationInputs;
import dev.selfheal.degradation.DegradationLevel;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.degradation.DegradationSettings;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.learning.LearningSystem;
import dev.selfheal.metrics.PerformanceMonitor;
import dev.selfheal.orchestrator.ProblemMapping;
import dev.selfheal.orchestrator.SelfHealingOrchestrator;
import dev.selfheal.recovery.ActionOutcomes;
import dev.selfheal.recovery.HealthVerifier;
import dev.selfheal.recovery.RateLimit;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.recovery.RecoveryJournal;
import dev.selfheal.recovery.RecoveryPolicy;
import dev.selfheal.recovery.actions.EnableDegradationAction;
import dev.selfheal.recovery.actions.GarbageCollectAction;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcEffectivenessStore;
import dev.selfheal.store.jdbc.JdbcIncidentStore;
import dev.selfheal.store.jdbc.JdbcRecoveryJournal;
import dev.selfheal.time.Scheduler;
import dev.selfheal.time.SystemScheduler;
import java.util.List;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

/**
 * The healing loop inside a Spring Boot application: checks from Actuator's health
 * contributors and Resilience4j's breakers, limits on the Micrometer meters, recovery actions
 * for what the application has (Hikari pools, Spring caches, lifecycle beans), incidents and
 * the recovery journal in selfheal's store, degradation as a bean. Every bean backs off when the
 * application declares its own of the same type; {@code selfheal.enabled=false} turns it all off.
 *
 * <p>What needs the store (incidents, journal, learning, engine, orchestrator, performance
 * monitor) is declared {@link Lazy}: {@link SelfHealLifecycle} builds it on its own thread once
 * the application has started, so opening and migrating the store never delays the application's
 * start. What the application may call at once (degradation, the {@link SelfHeal} handle) and what
 * checks settings (the recovery actions, the store's URL) is built with the context.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
        "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "selfheal.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SelfHealProperties.class)
@Import({SpringRecoveryActionsConfiguration.class, ActuatorChecksConfiguration.class, MicrometerConfiguration.class,
        Resilience4jConfiguration.class, SelfHealEndpointConfiguration.class})
public class SelfHealAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Scheduler.class)
    SystemScheduler selfHealScheduler() {
        return new SystemScheduler("selfheal-scheduler");
    }

    @Bean
    @ConditionalOnMissingBean
    EventBus selfHealEventBus() {
        return new EventBus();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Lazy
    HealthCheckManager selfHealHealthChecks(Scheduler scheduler, EventBus bus) {
        return new HealthCheckManager(scheduler, Executors.newVirtualThreadPerTaskExecutor(), bus, HealthSettings.defaults());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Database.class)
    StoreOpener selfHealStoreOpener(SelfHealProperties properties, ObjectProvider<DataSource> application) {
        return new StoreOpener(properties.store(),
                properties.store().useApplicationDatasource() ? application.getIfUnique() : null);
    }

    /** The opener closes it, after the loop has stopped. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @Lazy
    Database selfHealDatabase(StoreOpener opener) {
        return opener.database();
    }

    @Bean
    @ConditionalOnMissingBean
    @Lazy
    IncidentManager selfHealIncidents(Database database, EventBus bus, Scheduler scheduler, SelfHealProperties properties) {
        return new IncidentManager(new JdbcIncidentStore(database), bus, scheduler.clock(), properties.healing().mergeWindow());
    }

    @Bean
    @ConditionalOnMissingBean
    @Lazy
    RecoveryJournal selfHealRecoveryJournal(Database database) {
        return new JdbcRecoveryJournal(database);
    }

    @Bean
    @ConditionalOnMissingBean
    @Lazy
    ActionOutcomes selfHealLearning(Database database) {
        return new LearningSystem(new JdbcEffectivenessStore(database));
    }

    @Bean
    @ConditionalOnMissingBean
    DegradationManager selfHealDegradation(Scheduler scheduler, EventBus bus, SelfHealProperties properties) {
        return new DegradationManager(scheduler, bus, new DegradationSettings(properties.healing().degradation().holdDown()));
    }

    /**
     * garbage_collect and enable_degradation always, then every {@link RecoveryAction} bean (the
     * auto-configured ones for Hikari, caches and lifecycle beans, and the application's own),
     * a bean replacing a built-in action of the same name.
     */
    @Bean
    @ConditionalOnMissingBean
    @Lazy
    RecoveryActionCatalog selfHealRecoveryActions(ObjectProvider<RecoveryAction> actions, DegradationManager degradation,
                                                  SelfHealProperties properties) {
        RecoveryActionCatalog catalog = new RecoveryActionCatalog()
                .register(new GarbageCollectAction())
                .register(new EnableDegradationAction(degradation,
                        DegradationLevel.of(properties.healing().degradation().level()),
                        properties.healing().degradation().holdFor()));
        actions.orderedStream().forEach(catalog::register);
        if (!properties.healing().restart().isEmpty()) {
            // An application component that fails its check is restarted when a lifecycle bean is named for it.
            catalog.map(ProblemType.COMPONENT_UNHEALTHY, List.of("restart_service"));
        }
        return catalog;
    }

    @Bean
    @ConditionalOnMissingBean
    @Lazy
    RecoveryPolicy selfHealRecoveryPolicy(SelfHealProperties properties) {
        SelfHealProperties.Healing h = properties.healing();
        return RecoveryPolicy.defaults()
                .withDryRun(h.dryRun())
                .withAllowHighRisk(h.allowHighRisk())
                .withVerification(h.verificationWindow(), h.verificationPoll())
                .withLimits(new RateLimit(h.limits().perComponent(), h.limits().window()),
                        new RateLimit(h.limits().global(), h.limits().window()));
    }

    @Bean(destroyMethod = "close")
    RecoverySteps selfHealRecoverySteps() {
        return new RecoverySteps();
    }

    @Bean
    @ConditionalOnMissingBean
    @Lazy
    RecoveryEngine selfHealRecoveryEngine(RecoveryActionCatalog catalog, IncidentManager incidents, RecoveryJournal journal,
                                          Scheduler scheduler, EventBus bus, ActionOutcomes learning,
                                          HealthCheckManager health, RecoveryPolicy policy,
                                          ObjectProvider<PerformanceMonitor> monitor, RecoverySteps steps) {
        return RecoveryEngine.builder(catalog, incidents, journal, scheduler, bus)
                .executor(steps)
                .learning(learning)
                .verifier(new HealthVerifier(health, bus, scheduler, policy.verificationPoll())
                        .withStandingConditions(new PerformanceLimits(monitor)))
                .policy(policy)
                .build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Lazy
    SelfHealingOrchestrator selfHealOrchestrator(Scheduler scheduler, EventBus bus, IncidentManager incidents,
                                                 RecoveryEngine engine, HealthCheckManager health,
                                                 DegradationManager degradation, ObjectProvider<CheckSource> sources,
                                                 ObjectProvider<PerformanceMonitor> monitor, SelfHealProperties properties) {
        ProblemMapping mapping = ProblemMapping.defaults();
        for (CheckSource source : sources.orderedStream().toList()) {
            for (var e : source.problemTypes().entrySet()) {
                mapping = mapping.withComponent(e.getKey(), e.getValue());
            }
        }
        return SelfHealingOrchestrator.builder(scheduler, bus, incidents, engine)
                .health(health)
                .degradation(degradation, () -> {
                    PerformanceMonitor m = monitor.getIfAvailable();
                    return DegradationInputs.from(health.report(), m == null ? 0 : m.violationCount(), Double.NaN, Double.NaN);
                })
                .mapping(mapping)
                .interval(properties.healing().interval())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    SelfHeal selfHeal(DegradationManager degradation, SelfHealLifecycle lifecycle,
                      ObjectProvider<SelfHealingOrchestrator> orchestrator, ObjectProvider<IncidentManager> incidents,
                      ObjectProvider<RecoveryEngine> engine) {
        return new SelfHeal(degradation, lifecycle, orchestrator, incidents, engine);
    }

    @Bean
    SelfHealLifecycle selfHealLifecycle(ObjectProvider<StoreOpener> store, ObjectProvider<HealthCheckManager> health,
                                        ObjectProvider<SelfHealingOrchestrator> orchestrator,
                                        ObjectProvider<CheckSource> sources, ObjectProvider<PerformanceWatch> performance,
                                        RecoverySteps steps) {
        return new SelfHealLifecycle(store, health, orchestrator, sources, performance, steps);
    }
}
