package dev.selfheal.bench.nab;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A series and its labelled windows moved to another interval, to check that a detector's time
 * scales are durations and not point counts: the score on resampled data should stay close to
 * the score on the original.
 *
 * <p>To a finer interval than the series' own (its median spacing): linear interpolation between
 * the two rows around each new point. To a coarser one: the mean of the rows in each interval,
 * labelled by its start; an interval without rows is skipped. A window keeps its place in time:
 * it starts at the first new point that covers its start (an interval that reaches past it, or
 * the first point at or after it) and ends at the last new point at or before its end.
 */
final class Resampling {

    private Resampling() {
    }

    record Resampled(NabSeries series, List<LabelledWindow> windows) {
    }

    static Resampled of(NabSeries series, List<LabelledWindow> windows, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("resampling interval must be positive, got " + interval);
        }
        List<LocalDateTime> ts = series.timestamps();
        if (ts.size() < 2) {
            return new Resampled(series, windows);
        }
        long step = interval.toMillis();
        boolean finer = step < medianSpacingMillis(ts);
        List<LocalDateTime> times = new ArrayList<>();
        double[] values = new double[16];
        int n = 0;
        LocalDateTime first = ts.get(0);
        LocalDateTime last = ts.get(ts.size() - 1);
        int row = 0;
        for (LocalDateTime t = first; !t.isAfter(last); t = t.plus(interval)) {
            double v;
            if (finer) {
                while (row + 1 < ts.size() && !ts.get(row + 1).isAfter(t)) {
                    row++;
                }
                if (row + 1 == ts.size() || ts.get(row).equals(t)) {
                    v = series.values()[row];
                } else {
                    double span = Duration.between(ts.get(row), ts.get(row + 1)).toMillis();
                    double f = Duration.between(ts.get(row), t).toMillis() / span;
                    v = series.values()[row] + f * (series.values()[row + 1] - series.values()[row]);
                }
            } else {
                LocalDateTime end = t.plus(interval);
                double sum = 0;
                int count = 0;
                while (row < ts.size() && ts.get(row).isBefore(end)) {
                    sum += series.values()[row++];
                    count++;
                }
                if (count == 0) {
                    continue;
                }
                v = sum / count;
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            times.add(t);
            values[n++] = v;
        }
        List<LabelledWindow> moved = new ArrayList<>();
        for (LabelledWindow w : windows) {
            LocalDateTime start = null;
            LocalDateTime end = null;
            for (LocalDateTime t : times) {
                LocalDateTime reach = finer ? t : t.plus(interval).minusNanos(1);
                if (start == null && !reach.isBefore(w.start())) {
                    start = t;
                }
                if (!t.isAfter(w.end())) {
                    end = t;
                }
            }
            if (start == null || end == null || end.isBefore(start)) {
                throw new IllegalArgumentException(series.relativePath() + ": window " + w.start() + " .. " + w.end()
                        + " has no point at interval " + interval);
            }
            moved.add(new LabelledWindow(start, end));
        }
        return new Resampled(new NabSeries(series.relativePath(), times, Arrays.copyOf(values, n)), moved);
    }

    private static long medianSpacingMillis(List<LocalDateTime> ts) {
        long[] gaps = new long[ts.size() - 1];
        for (int i = 1; i < ts.size(); i++) {
            gaps[i - 1] = Duration.between(ts.get(i - 1), ts.get(i)).toMillis();
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    /** Reads {@code 150s}, {@code 10m}, {@code 1h} or an ISO-8601 duration ({@code PT2M30S}). */
    static Duration parse(String text) {
        String s = text.trim();
        try {
            if (s.matches("\\d+(\\.\\d+)?[smh]")) {
                double amount = Double.parseDouble(s.substring(0, s.length() - 1));
                long unit = switch (s.charAt(s.length() - 1)) {
                    case 's' -> 1_000L;
                    case 'm' -> 60_000L;
                    default -> 3_600_000L;
                };
                return Duration.ofMillis(Math.round(amount * unit));
            }
            return Duration.parse(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read interval '" + text + "': use 150s, 10m, 1h or PT2M30S");
        }
    }
}
