package dev.selfheal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measurements read from in-process Micrometer meters, by name and tags ({@link MeterBinding}).
 * A meter that is not registered (yet) gives no figure. Error rates are computed from the
 * counts added since the previous collection, so the first collection gives none.
 */
public final class MicrometerSource implements MetricSource {

    private final MeterRegistry registry;
    private final List<MeterBinding> bindings;
    private final Map<MeterBinding, FailureShare> errorShares = new HashMap<>();

    public MicrometerSource(MeterRegistry registry, List<MeterBinding> bindings) {
        this.registry = registry;
        this.bindings = List.copyOf(bindings);
    }

    @Override
    public String name() {
        return "micrometer";
    }

    @Override
    public synchronized List<Measurement> collect(Instant now) {
        List<Measurement> out = new ArrayList<>();
        for (MeterBinding binding : bindings) {
            double value = read(binding);
            if (Double.isFinite(value)) {
                out.add(new Measurement(binding.component(), binding.kind(), value, now));
            }
        }
        return out;
    }

    private double read(MeterBinding binding) {
        Meter meter = registry.find(binding.meter()).tags(binding.tags()).meter();
        if (meter == null) {
            return Double.NaN;
        }
        return switch (binding.kind()) {
            case RESPONSE_TIME_P95 -> meter instanceof Timer timer ? p95Millis(timer.takeSnapshot()) : Double.NaN;
            case ERROR_RATE -> errorRate(binding, count(meter));
            default -> firstValue(meter);
        };
    }

    private double errorRate(MeterBinding binding, double failures) {
        Meter totalMeter = registry.find(binding.totalMeter().orElseThrow()).tags(binding.tags()).meter();
        double total = totalMeter == null ? Double.NaN : count(totalMeter);
        return errorShares.computeIfAbsent(binding, b -> new FailureShare()).since(failures, total);
    }

    private static double count(Meter meter) {
        if (meter instanceof Counter counter) {
            return counter.count();
        }
        if (meter instanceof FunctionCounter counter) {
            return counter.count();
        }
        if (meter instanceof Timer timer) {
            return timer.count();
        }
        return firstValue(meter);
    }

    private static double firstValue(Meter meter) {
        for (var m : meter.measure()) {
            return m.getValue();
        }
        return Double.NaN;
    }

    /**
     * A timer's 95th percentile in milliseconds: its published p95, else the bound of the first
     * histogram bucket that holds 95 % of the calls; NaN when it has neither.
     */
    public static double p95Millis(HistogramSnapshot snapshot) {
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            if (Math.abs(p.percentile() - 0.95) < 1e-9) {
                return p.value(TimeUnit.MILLISECONDS);
            }
        }
        CountAtBucket[] buckets = snapshot.histogramCounts();
        if (buckets.length == 0 || snapshot.count() == 0) {
            return Double.NaN;
        }
        double wanted = 0.95 * snapshot.count(); // buckets are cumulative: the first that holds 95 % bounds the p95
        for (CountAtBucket bucket : buckets) {
            if (bucket.count() >= wanted) {
                return bucket.bucket(TimeUnit.MILLISECONDS);
            }
        }
        return snapshot.max(TimeUnit.MILLISECONDS);
    }
}
