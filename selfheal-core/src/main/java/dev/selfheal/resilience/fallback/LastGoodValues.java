package dev.selfheal.resilience.fallback;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The last good value of each operation, for the "last good value" fallback: bounded (least
 * recently used operations go first) and aged on an injected monotonic clock.
 */
public final class LastGoodValues {

    /** A remembered value and how old it is. */
    public record Aged(Object value, Duration age) { }

    private record Stored(Object value, long atNanos) { }

    private final int maxEntries;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<String, Stored> values;

    public LastGoodValues(int maxEntries, Duration maxAge, LongSupplier nanoTime) {
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
        this.values = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
                return size() > LastGoodValues.this.maxEntries;
            }
        };
    }

    public void remember(String operation, Object value) {
        Stored stored = new Stored(value, nanoTime.getAsLong());
        synchronized (values) {
            values.put(operation, stored);
        }
    }

    /** The last good value of {@code operation}, unless there is none or it is older than the maximum age. */
    public Optional<Aged> recall(String operation) {
        Stored stored;
        synchronized (values) {
            stored = values.get(operation);
        }
        if (stored == null) {
            return Optional.empty();
        }
        long age = nanoTime.getAsLong() - stored.atNanos;
        return age > maxAgeNanos ? Optional.empty() : Optional.of(new Aged(stored.value, Duration.ofNanos(age)));
    }

    public int size() {
        synchronized (values) {
            return values.size();
        }
    }
}
