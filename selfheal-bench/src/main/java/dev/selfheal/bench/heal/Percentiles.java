package dev.selfheal.bench.heal;

import java.util.Arrays;
import java.util.Collection;
import java.util.OptionalDouble;

/** Nearest-rank percentiles of a few dozen measured durations (no interpolation: every figure is one that was measured). */
final class Percentiles {

    private Percentiles() { }

    /** The p-th percentile (0 < p <= 100) by nearest rank, or empty when there is nothing. */
    static OptionalDouble of(Collection<Long> values, double p) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return OptionalDouble.of(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
    }

    static String format(OptionalDouble value) {
        return value.isPresent() ? String.format(java.util.Locale.ROOT, "%.0f", value.getAsDouble()) : "-";
    }

    static long[] sorted(Collection<Long> values) {
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
