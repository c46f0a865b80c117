package dev.selfheal.anomaly;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * The detectors by name. {@code ensemble} (the default) fuses the statistical baseline, the
 * pattern detectors and the learned detector (nearest-neighbour novelty of the recent stretch);
 * {@code statistical}, {@code pattern} and {@code learned} are each available alone. Every call
 * to {@link #create} gives a fresh detector for one series.
 *
 * <p>The learned detector joined the default ensemble once the calibrators remembered a month
 * of surprises ({@link TailCalibrator#LONG_RUN_POINTS}): with a memory of 1,000 points every way
 * of adding it lowered the NAB score; with 8,640 it adds 1.0 (standard) and 1.2 (low FN) on the
 * development subset, for about twice the state and a third less throughput (docs/anomaly.md).
 * Its calibrator has a wider floor ({@link SubsequenceNovelty#calibrationFloor()}) so that it
 * does not make pure noise look rare.
 */
public final class AnomalyDetectors {

    public static final String DEFAULT = "ensemble";

    /** Points learnt before any score is reported (the probationary period). */
    static final int LEARNING_POINTS = 200;
    /** Points kept quiet after an alarm. */
    static final int QUIET_POINTS = 100;
    /**
     * The score at which an alarm is raised: about a 1-in-10^6.8 event for the series. On the NAB
     * development subset (fifth round, with the seasonal trust bound; standard / low FP / low FN)
     * 0.6 → 71.78 / 63.93 / 76.35, 0.65 → 73.62 / 67.72 / 77.58, 0.67 → 73.75, 0.68 → 74.15 /
     * 69.37 / 77.94, 0.7 → 74.10, 0.72 → 73.38, 0.75 → 72.37: a plateau from 0.67 to 0.7, the
     * same as in the fourth round (0.68 / 0.7: 72.96 / 72.99 against 72.51 at 0.65).
     */
    static final double FIRING_LEVEL = 0.68;
    static final double QUIET_FACTOR = 0.3;

    private static final Map<String, Function<ZoneId, List<Signal>>> SIGNALS = new LinkedHashMap<>();

    static {
        SIGNALS.put("statistical", zone -> statistical());
        SIGNALS.put("pattern", AnomalyDetectors::pattern);
        SIGNALS.put("learned", zone -> learned());
    }

    private AnomalyDetectors() {
    }

    /** The score at which the detectors raise an alarm (and then keep quiet for a while). */
    public static double alarmLevel() {
        return FIRING_LEVEL;
    }

    /** The names {@link #create} accepts, the default first. */
    public static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        names.add(DEFAULT);
        names.addAll(SIGNALS.keySet());
        return names;
    }

    public static AnomalyDetector create() {
        return create(DEFAULT);
    }

    /** A detector that reads timestamps as local time (days and weekends counted in UTC). */
    public static AnomalyDetector create(String name) {
        return create(name, ZoneOffset.UTC);
    }

    /**
     * A detector whose days and weekends are those of {@code zone}: a series' weekly pattern
     * follows the people behind it, so give the zone they live in (the timestamps stay instants).
     */
    public static AnomalyDetector create(String name, ZoneId zone) {
        return signalDetector(name, java.util.Objects.requireNonNull(zone, "zone"));
    }

    static SignalDetector signalDetector(String name) {
        return signalDetector(name, ZoneOffset.UTC);
    }

    /**
     * The parts of a detector that {@link #create(String, ZoneId, Set)} can leave out, to measure
     * what each is worth (an ablation): its signals and its dampers.
     */
    public static Set<String> components(String name) {
        Set<String> parts = new LinkedHashSet<>();
        for (Signal s : signalDetector(name).signals()) {
            parts.add(componentOf(s));
        }
        parts.add(RECURRENCE);
        parts.add(HEIGHTS);
        return parts;
    }

    /**
     * A detector without some of its parts ({@link #components}): for ablations in the bench, never
     * for the daemon. Unknown part names are an error.
     */
    public static AnomalyDetector create(String name, ZoneId zone, Set<String> without) {
        Set<String> known = components(name);
        for (String part : without) {
            if (!known.contains(part)) {
                throw new IllegalArgumentException("detector '" + name + "' has no part '" + part + "'; parts: " + known);
            }
        }
        SignalDetector full = signalDetector(name, java.util.Objects.requireNonNull(zone, "zone"));
        List<Signal> kept = new ArrayList<>();
        for (Signal s : full.signals()) {
            if (!without.contains(componentOf(s))) {
                kept.add(s);
            }
        }
        return new SignalDetector(name, kept, newGate(), zone, !without.contains(RECURRENCE), !without.contains(HEIGHTS));
    }

    static final String RECURRENCE = "recurrence";
    static final String HEIGHTS = "heights";

    private static String componentOf(Signal s) {
        return switch (s) {
            case PointDeviation p -> "deviation";
            case SeasonalResidual r -> "seasonal";
            case SeasonalDrift d -> "seasonal"; // reads the residual's state: goes with it
            case LevelShift l -> "shift";
            case TrendChange t -> "trend";
            case FlatLine f -> "flatline";
            case NewExtreme e -> "extremes";
            case SubsequenceNovelty n -> "novelty";
            default -> s.getClass().getSimpleName();
        };
    }

    private static AlarmGate newGate() {
        return new AlarmGate(LEARNING_POINTS, QUIET_POINTS, FIRING_LEVEL, QUIET_FACTOR);
    }

    static SignalDetector signalDetector(String name, ZoneId zone) {
        AlarmGate gate = new AlarmGate(LEARNING_POINTS, QUIET_POINTS, FIRING_LEVEL, QUIET_FACTOR);
        List<Signal> signals;
        if (DEFAULT.equals(name)) {
            signals = new ArrayList<>();
            signals.addAll(statistical());
            signals.addAll(pattern(zone));
            signals.addAll(learned());
        } else if (SIGNALS.containsKey(name)) {
            signals = SIGNALS.get(name).apply(zone);
        } else {
            throw new IllegalArgumentException("unknown anomaly detector '" + name + "'; known: " + names());
        }
        return new SignalDetector(name, signals, gate, zone, true, true);
    }

    /** Approximate bytes of state one detector of this name keeps per series (a field count). */
    public static int stateBytes(String name) {
        return signalDetector(name).stateBytes();
    }

    private static List<Signal> statistical() {
        return List.of(new PointDeviation(0.05), new PointDeviation(0.005));
    }

    private static List<Signal> pattern(ZoneId zone) {
        SeasonalResidual seasonal = new SeasonalResidual(zone);
        // SeasonalDrift reads the residual SeasonalResidual has just computed: it must come after it.
        return List.of(seasonal, new SeasonalDrift(seasonal), new LevelShift(), new TrendChange(), new FlatLine(), new NewExtreme());
    }

    private static List<Signal> learned() {
        return List.of(new SubsequenceNovelty());
    }
}
