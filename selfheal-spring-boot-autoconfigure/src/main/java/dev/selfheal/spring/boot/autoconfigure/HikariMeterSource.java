package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.metrics.FailureShare;
import dev.selfheal.metrics.Measurement;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.metrics.MetricSource;
import dev.selfheal.metrics.MicrometerSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's Hikari pools, from the meters Spring Boot binds for them
 * ({@code hikaricp.connections.*}), summed over every pool, as component {@code db} (Actuator's
 * name for the database, and the component {@code clear_dead_connections} evicts): the share of
 * connection requests that timed out since the previous reading, the threads waiting for a
 * connection now, and the worst p95 of the time to get one when a pool publishes it
 * ({@code management.metrics.distribution.percentiles-histogram.hikaricp.connections.acquire=true}).
 * Reads meters by name, so it needs no Hikari class, and measures nothing when there is no pool.
 */
final class HikariMeterSource implements MetricSource {

    static final String COMPONENT = "db";

    private final MeterRegistry registry;
    private final FailureShare timedOut = new FailureShare();

    HikariMeterSource(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "spring-hikari";
    }

    @Override
    public synchronized List<Measurement> collect(Instant now) {
        List<Timer> acquire = List.copyOf(registry.find("hikaricp.connections.acquire").timers());
        if (acquire.isEmpty()) {
            return List.of();
        }
        // A request that timed out is not in the acquire timer (it records only connections handed out).
        double timeouts = registry.find("hikaricp.connections.timeout").counters().stream().mapToDouble(Counter::count).sum();
        double handedOut = 0;
        double p95 = Double.NaN;
        for (Timer timer : acquire) {
            handedOut += timer.count();
            double timerP95 = MicrometerSource.p95Millis(timer.takeSnapshot());
            if (Double.isFinite(timerP95) && !(timerP95 <= p95)) {
                p95 = timerP95;
            }
        }
        double requests = handedOut + timeouts;
        double pending = registry.find("hikaricp.connections.pending").gauges().stream().mapToDouble(Gauge::value).sum();
        List<Measurement> out = new ArrayList<>(3);
        double rate = timedOut.since(timeouts, requests);
        if (Double.isFinite(rate)) {
            out.add(new Measurement(COMPONENT, MetricKind.ERROR_RATE, rate, now));
        }
        if (Double.isFinite(pending)) {
            out.add(new Measurement(COMPONENT, MetricKind.CONCURRENT_REQUESTS, pending, now));
        }
        if (Double.isFinite(p95)) {
            out.add(new Measurement(COMPONENT, MetricKind.RESPONSE_TIME_P95, p95, now));
        }
        return out;
    }
}
