package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.recovery.RecoveryEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Actuator side: {@code /actuator/selfheal} and selfheal's own health contributor. */
@Configuration(proxyBeanMethods = false)
class SelfHealEndpointConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Endpoint {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(SelfHealEndpoint.class)
        SelfHealEndpoint selfHealEndpoint(SelfHealLifecycle lifecycle, ObjectProvider<IncidentManager> incidents,
                                          ObjectProvider<RecoveryEngine> engine, DegradationManager degradation,
                                          ObjectProvider<HealthCheckManager> health) {
            return new SelfHealEndpoint(lifecycle, incidents, engine, degradation, health);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean(name = "selfhealHealthIndicator")
        @ConditionalOnMissingBean(name = "selfhealHealthIndicator")
        HealthIndicator selfhealHealthIndicator(ObjectProvider<SelfHealLifecycle> lifecycle,
                                                ObjectProvider<IncidentManager> incidents,
                                                DegradationManager degradation) {
            return new SelfHealHealthIndicator(lifecycle, incidents, degradation);
        }
    }
}
