package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.health.CheckDefinition;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.orchestrator.SelfHealingOrchestrator;
import dev.selfheal.recovery.actions.RestartIntegrationAction;
import dev.selfheal.time.Scheduler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Resilience4j's breakers drive problems like selfheal's own guards: a breaker that opens is
 * reported at once as an integration failure of the component named like the breaker (group
 * {@code integrations}), its check shows the state, and {@code restart_integration} moves it to
 * HALF_OPEN so trial calls probe the downstream now instead of after the wait.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(CircuitBreakerRegistry.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
class Resilience4jConfiguration {

    @Bean
    CheckSource selfHealCircuitBreakers(CircuitBreakerRegistry registry, ObjectProvider<SelfHealingOrchestrator> loop,
                                        ObjectProvider<SelfHealLifecycle> lifecycle, Scheduler scheduler, SelfHealProperties properties) {
        registry.getAllCircuitBreakers().forEach(breaker -> reportOpening(breaker, loop, lifecycle, scheduler));
        registry.getEventPublisher().onEntryAdded(added -> reportOpening(added.getAddedEntry(), loop, lifecycle, scheduler));
        return new CheckSource() {
            @Override
            public List<CheckDefinition> checks() {
                SelfHealProperties.Health h = properties.health();
                return registry.getAllCircuitBreakers().stream()
                        .map(breaker -> CheckDefinition.builder(breaker.getName(), new CircuitBreakerCheck(breaker))
                                .group("integrations")
                                .interval(h.interval())
                                .timeout(h.timeout())
                                .failureThreshold(1)
                                .successThreshold(h.successThreshold())
                                .build())
                        .toList();
            }

            @Override
            public Map<String, ProblemType> problemTypes() {
                Map<String, ProblemType> types = new java.util.LinkedHashMap<>();
                registry.getAllCircuitBreakers().forEach(b -> types.put(b.getName(), ProblemType.INTEGRATION_FAILURE));
                return types;
            }
        };
    }

    @Bean
    RestartIntegrationAction selfHealRestartBreakers(CircuitBreakerRegistry registry) {
        RestartIntegrationAction action = new RestartIntegrationAction();
        registry.getAllCircuitBreakers().forEach(breaker -> action.register(breaker.getName(), name -> halfOpen(breaker)));
        return action;
    }

    private static String halfOpen(CircuitBreaker breaker) {
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.OPEN) {
            breaker.transitionToHalfOpenState();
            return "breaker " + breaker.getName() + " OPEN -> HALF_OPEN: trial calls probe the downstream now";
        }
        return "breaker " + breaker.getName() + " is " + state + ": nothing to do";
    }

    /** Only to a running loop: before it runs, the breaker's check finds the open breaker at its first run. */
    private static void reportOpening(CircuitBreaker breaker, ObjectProvider<SelfHealingOrchestrator> loop,
                                      ObjectProvider<SelfHealLifecycle> lifecycle, Scheduler scheduler) {
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                SelfHealLifecycle started = lifecycle.getIfAvailable();
                if (started != null && started.state() == SelfHealLifecycle.State.RUNNING) {
                    loop.getObject().report(new Problem(ProblemType.INTEGRATION_FAILURE, breaker.getName(), Severity.HIGH,
                            "breaker " + event.getStateTransition(), "resilience4j", scheduler.clock().instant()));
                }
            }
        });
    }
}
