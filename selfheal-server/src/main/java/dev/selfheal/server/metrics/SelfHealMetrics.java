package dev.selfheal.server.metrics;

import dev.selfheal.events.CheckCompleted;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.ComponentHealth;
import dev.selfheal.health.GroupHealth;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.status.HealthStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The daemon's Prometheus metrics. Every series is prefixed {@code selfheal_}, the JVM's too
 * (a meter filter renames them), so one scrape config selects them all.
 *
 * <p>Per-check gauges read the engine's current state at scrape time; nothing is copied on
 * the check path except the results counter, which follows {@link CheckCompleted} events.
 */
public final class SelfHealMetrics implements AutoCloseable {

    private static final String PREFIX = "selfheal.";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HealthCheckManager manager;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final EventBus.Subscription subscription;

    private final LongSupplier historyDropped;

    public SelfHealMetrics(HealthCheckManager manager, EventBus bus, LongSupplier historyDropped) {
        this.manager = manager;
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith(PREFIX) ? id : id.withName(PREFIX + id.getName());
            }
        });

        for (CheckDefinition definition : manager.definitions()) {
            Tags tags = Tags.of("check", definition.name(), "group", definition.group());
            Gauge.builder("selfheal.check.status", manager, componentValue(definition.name(), c -> c.status().severity()))
                    .tags(tags).description("Damped status of the check: 0 healthy, 1 degraded, 2 unhealthy, -1 unknown")
                    .register(registry);
            Gauge.builder("selfheal.check.latency", manager, componentValue(definition.name(),
                            c -> c.lastResult().map(r -> r.latency().toNanos() / 1e9).orElse(Double.NaN)))
                    .tags(tags).baseUnit("seconds").description("Latency of the check's last run")
                    .register(registry);
            for (HealthStatus status : HealthStatus.values()) {
                resultsCounter(definition.name(), definition.group(), status); // every series exists from the start
            }
        }
        subscription = bus.subscribe(CheckCompleted.class,
                e -> resultsCounter(e.component(), e.group(), e.result().status()).increment());

        engineCounter("selfheal.check.runs", "Check runs started", m -> m.stats().runsStarted());
        engineCounter("selfheal.check.timeouts", "Check runs that timed out", m -> m.stats().timeouts());
        engineCounter("selfheal.check.overruns", "Due times skipped because the previous run was still going", m -> m.stats().overruns());
        // Kept in a field: Micrometer holds only a weak reference to a function's object, and nothing else
        // held this lambda, so after the first GC the series read NaN while results were being lost.
        this.historyDropped = historyDropped;
        FunctionCounter.builder("selfheal.history.dropped", historyDropped, s -> s.getAsLong())
                .description("Check results not stored: the history writer could not keep up, or the store refused them (a full disk)")
                .register(registry);

        Set<String> groups = new TreeSet<>();
        manager.report().groups().forEach(g -> groups.add(g.name()));
        for (String group : groups) {
            Gauge.builder("selfheal.group.status", manager, m -> m.report().groups().stream()
                            .filter(g -> g.name().equals(group)).findFirst()
                            .map(GroupHealth::status).orElse(HealthStatus.UNKNOWN).severity())
                    .tag("group", group).description("Status of the group: 0 healthy, 1 degraded, 2 unhealthy, -1 unknown")
                    .register(registry);
        }
        Gauge.builder("selfheal.overall.status", manager, m -> m.report().status().severity())
                .description("Overall status: 0 healthy, 1 degraded, 2 unhealthy, -1 unknown").register(registry);

        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The Prometheus text exposition of every series. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private Counter resultsCounter(String check, String group, HealthStatus status) {
        return Counter.builder("selfheal.check.results")
                .tags("check", check, "group", group, "status", status.name().toLowerCase(Locale.ROOT))
                .description("Check results by status").register(registry);
    }

    private void engineCounter(String name, String description, ToDoubleFunction<HealthCheckManager> value) {
        FunctionCounter.builder(name, manager, value).description(description).register(registry);
    }

    private static ToDoubleFunction<HealthCheckManager> componentValue(String name, ToDoubleFunction<ComponentHealth> value) {
        return m -> m.component(name).map(value::applyAsDouble).orElse(Double.NaN);
    }

    @Override
    public void close() {
        subscription.close();
        gcMetrics.close();
        registry.close();
    }
}
