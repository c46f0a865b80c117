package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.metrics.FailureShare;
import dev.selfheal.metrics.Measurement;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.metrics.MetricSource;
import dev.selfheal.metrics.MicrometerSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of Spring MVC's and WebFlux's {@code http.server.requests} timers, summed over
 * every URI and status, as component {@code http}: the share of 5xx answers since the previous
 * reading, and the worst p95 over the timers that publish one (a percentile or a histogram;
 * {@code management.metrics.distribution.percentiles-histogram.http.server.requests=true}).
 */
final class SpringMeterSource implements MetricSource {

    static final String COMPONENT = "http";
    private static final String REQUESTS = "http.server.requests";

    private final MeterRegistry registry;
    private final FailureShare serverErrors = new FailureShare();

    SpringMeterSource(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "spring-http";
    }

    @Override
    public synchronized List<Measurement> collect(Instant now) {
        double all = 0;
        double failed = 0;
        double p95 = Double.NaN;
        for (Timer timer : registry.find(REQUESTS).timers()) {
            long count = timer.count();
            all += count;
            if ("SERVER_ERROR".equals(timer.getId().getTag("outcome"))) {
                failed += count;
            }
            double timerP95 = MicrometerSource.p95Millis(timer.takeSnapshot());
            if (Double.isFinite(timerP95) && !(timerP95 <= p95)) {
                p95 = timerP95;
            }
        }
        List<Measurement> out = new ArrayList<>(2);
        double rate = serverErrors.since(failed, all);
        if (Double.isFinite(rate)) {
            out.add(new Measurement(COMPONENT, MetricKind.ERROR_RATE, rate, now));
        }
        if (Double.isFinite(p95)) {
            out.add(new Measurement(COMPONENT, MetricKind.RESPONSE_TIME_P95, p95, now));
        }
        return out;
    }
}
