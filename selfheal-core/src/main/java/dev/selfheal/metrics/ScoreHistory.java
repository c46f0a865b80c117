package dev.selfheal.metrics;

import dev.selfheal.anomaly.AnomalyScore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent (time, value, score) of each measured series, per component: what a person looks
 * at next to the metric to see why an anomaly was (or was not) raised.
 *
 * <p>Memory is bounded twice: at most {@code pointsPerSeries} points per series (the oldest goes
 * first) and at most {@code maxSeries} series (the least recently scored goes first). Written by
 * the monitor's cycle, read by API requests: every method holds the one lock, and reads copy.
 */
public final class ScoreHistory implements ScoreListener {

    /** One scored reading. {@code confidence} 0 means the detector was still learning the series. */
    public record Point(Instant at, double value, double score, double confidence) { }

    /** One series' recent points, oldest first. */
    public record Series(String component, MetricKind kind, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private final int pointsPerSeries;
    private final Map<String, Ring> series;

    public ScoreHistory(int pointsPerSeries, int maxSeries) {
        if (pointsPerSeries < 1 || maxSeries < 1) {
            throw new IllegalArgumentException("score history: points per series and max series must be positive: "
                    + pointsPerSeries + ", " + maxSeries);
        }
        this.pointsPerSeries = pointsPerSeries;
        this.series = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Ring> eldest) {
                return size() > maxSeries;
            }
        };
    }

    @Override
    public synchronized void scored(Measurement m, AnomalyScore score) {
        Ring ring = series.computeIfAbsent(m.series(), s -> new Ring(m.component(), m.kind()));
        ring.points.addLast(new Point(m.at(), m.value(), score.score(), score.confidence()));
        while (ring.points.size() > pointsPerSeries) {
            ring.points.removeFirst();
        }
    }

    /** The component's series (in metric-kind order), each with its last {@code limit} points, oldest first. */
    public synchronized List<Series> forComponent(String component, int limit) {
        List<Series> found = new ArrayList<>();
        // a plain walk: get() on an access-ordered map would reorder it
        for (Ring ring : series.values()) {
            if (ring.component.equals(component)) {
                List<Point> points = new ArrayList<>(ring.points);
                found.add(new Series(ring.component, ring.kind, points.subList(Math.max(0, points.size() - limit), points.size())));
            }
        }
        found.sort(Comparator.comparing(Series::kind));
        return found;
    }

    public synchronized int seriesCount() {
        return series.size();
    }

    public int pointsPerSeries() {
        return pointsPerSeries;
    }

    private static final class Ring {
        final String component;
        final MetricKind kind;
        final Deque<Point> points = new ArrayDeque<>();

        Ring(String component, MetricKind kind) {
            this.component = component;
            this.kind = kind;
        }
    }
}
