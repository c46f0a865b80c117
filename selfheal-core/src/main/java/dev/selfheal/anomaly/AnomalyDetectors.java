package dev.selfheal.anomaly;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The detectors by name. {@code ensemble} (the default) combines the statistical baseline, the
 * pattern detectors and the learned context detector; each of them is also available alone.
 * Every call to {@link #create} gives a fresh detector for one series.
 */
public final class AnomalyDetectors {

    public static final String DEFAULT = "ensemble";

    /** Points learnt before any score is reported (the probationary period). */
    static final int LEARNING_POINTS = 400;
    /** Points kept quiet after an alarm. */
    static final int QUIET_POINTS = 200;
    static final double FIRING_LEVEL = 0.6;
    static final double QUIET_FACTOR = 0.3;

    private static final Map<String, Supplier<List<Signal>>> SIGNALS = new LinkedHashMap<>();

    static {
        SIGNALS.put("statistical", AnomalyDetectors::statistical);
        SIGNALS.put("pattern", AnomalyDetectors::pattern);
        SIGNALS.put("learned", AnomalyDetectors::learned);
    }

    private AnomalyDetectors() {
    }

    /** The names {@link #create} accepts, the default first. */
    public static Set<String> names() {
        Set<String> names = new java.util.LinkedHashSet<>();
        names.add(DEFAULT);
        names.addAll(SIGNALS.keySet());
        return names;
    }

    public static AnomalyDetector create() {
        return create(DEFAULT);
    }

    public static AnomalyDetector create(String name) {
        return signalDetector(name);
    }

    static SignalDetector signalDetector(String name) {
        AlarmGate gate = new AlarmGate(LEARNING_POINTS, QUIET_POINTS, FIRING_LEVEL, QUIET_FACTOR);
        List<Signal> signals;
        if (DEFAULT.equals(name)) {
            signals = new ArrayList<>();
            signals.addAll(statistical());
            signals.addAll(pattern());
            return new SignalDetector(name, signals, learned(), gate);
        } else if (SIGNALS.containsKey(name)) {
            signals = SIGNALS.get(name).get();
        } else {
            throw new IllegalArgumentException("unknown anomaly detector '" + name + "'; known: " + names());
        }
        return new SignalDetector(name, signals, gate);
    }

    /** Approximate bytes of state one detector of this name keeps per series (a field count). */
    public static int stateBytes(String name) {
        return signalDetector(name).stateBytes();
    }

    private static List<Signal> statistical() {
        return List.of(new PointDeviation(0.05), new PointDeviation(0.005));
    }

    private static List<Signal> pattern() {
        return List.of(new SeasonalResidual(), new LevelShift(), new TrendChange(), new FlatLine());
    }

    private static List<Signal> learned() {
        return List.of(new ContextNovelty());
    }
}
