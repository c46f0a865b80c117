package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.metrics.PerformanceMonitor;
import dev.selfheal.metrics.Violation;
import dev.selfheal.recovery.StandingConditions;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Verification also waits until the meters show the component within its limits: a service
 * whose health check answers again but whose error rate is still over the limit is not healed.
 */
final class PerformanceLimits implements StandingConditions {

    private final ObjectProvider<PerformanceMonitor> monitor;

    PerformanceLimits(ObjectProvider<PerformanceMonitor> monitor) {
        this.monitor = monitor;
    }

    @Override
    public Optional<String> standing(String component) {
        PerformanceMonitor m = monitor.getIfAvailable();
        return m == null ? Optional.empty() : m.standingViolation(component).map(Violation::evidence);
    }

    @Override
    public boolean measures(String component) {
        PerformanceMonitor m = monitor.getIfAvailable();
        return m != null && m.measures(component);
    }
}
