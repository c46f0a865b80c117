package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.metrics.AnomalyWatch;
import dev.selfheal.metrics.JvmAndOsSource;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.metrics.PerformanceMonitor;
import dev.selfheal.metrics.ThresholdPolicy;
import dev.selfheal.metrics.Thresholds;
import dev.selfheal.orchestrator.SelfHealingOrchestrator;
import dev.selfheal.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The application's {@link MeterRegistry} feeds performance monitoring: the 5xx share and p95 of
 * {@code http.server.requests} (component {@code http}), the Hikari pools' timeouts, waiting
 * threads and acquire p95 (component {@code db}, with its own limits) and the heap in use
 * (component {@code jvm}), each against its limit and, unless turned off, through the anomaly
 * detector.
 * Built lazily with the rest of the loop (it reports to the orchestrator).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "selfheal.performance.enabled", matchIfMissing = true)
class MicrometerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @Lazy
    PerformanceMonitor selfHealPerformanceMonitor(MeterRegistry registry, SelfHealingOrchestrator orchestrator,
                                                  Scheduler scheduler, SelfHealProperties properties) {
        SelfHealProperties.Performance p = properties.performance();
        Thresholds limits = Thresholds.defaults()
                .with(MetricKind.RESPONSE_TIME_P95, p.responseTimeP95().toNanos() / 1e6)
                .with(MetricKind.ERROR_RATE, p.errorRate())
                .with(MetricKind.MEMORY_USAGE, p.memory());
        var memory = ManagementFactory.getMemoryMXBean();
        JvmAndOsSource heap = new JvmAndOsSource("jvm", () -> Double.NaN, () -> {
            var usage = memory.getHeapMemoryUsage();
            long max = usage.getMax() > 0 ? usage.getMax() : usage.getCommitted();
            return max <= 0 ? Double.NaN : (double) usage.getUsed() / max;
        });
        Optional<AnomalyWatch> anomalies = p.anomalyDetection() ? Optional.of(AnomalyWatch.defaults()) : Optional.empty();
        Thresholds pool = limits
                .with(MetricKind.ERROR_RATE, p.pool().timeouts())
                .with(MetricKind.CONCURRENT_REQUESTS, p.pool().pending())
                .with(MetricKind.RESPONSE_TIME_P95, p.pool().acquireP95().toNanos() / 1e6);
        return new PerformanceMonitor(List.of(new SpringMeterSource(registry), new HikariMeterSource(registry), heap),
                new ThresholdPolicy(limits, Map.of(HikariMeterSource.COMPONENT, pool)), orchestrator, scheduler.clock(), anomalies);
    }

    @Bean
    @ConditionalOnMissingBean
    @Lazy
    PerformanceWatch selfHealPerformanceWatch(PerformanceMonitor monitor, Scheduler scheduler, SelfHealProperties properties) {
        return new PerformanceWatch(monitor, scheduler, properties.performance().interval());
    }
}
