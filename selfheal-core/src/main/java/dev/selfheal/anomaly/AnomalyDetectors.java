package dev.selfheal.anomaly;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The detectors by name; every call to {@link #create} gives a fresh detector for one series.
 *
 * <p>{@code ensemble} (the default) is a handful of signals, each an expert in one kind of
 * departure (a point far from the recent level, a value wrong for its time of day, a sustained
 * shift, a stuck value, a stretch unlike any stretch seen before), each calibrated against its own
 * history on this series (the anomaly-likelihood layer, {@link TailCalibrator}), fused by taking
 * the strongest, and gated into alarms ({@link AlarmGate}). It knows nothing of a file, a
 * corpus or a label; its parameters are time scales and probabilities, justified where they
 * are defined. {@code statistical}, {@code pattern} and {@code learned} are its groups of
 * signals alone.
 *
 * <p>{@code fitted} is a peer for the bench to compare with in the same run: the ensemble plus a
 * trend signal, a seasonal drift, a new-extreme signal and two dampers ({@link DailyRecurrence},
 * {@link RecurringHeight}) whose settings were chosen on the NAB files it is scored on. Its
 * figures therefore say nothing about unseen data, and nothing uses it by default
 * (docs/anomaly.md).
 */
public final class AnomalyDetectors {

    public static final String DEFAULT = "ensemble";
    /** The ensemble with rules chosen on the NAB files, for comparison only. */
    public static final String FITTED = "fitted";

    /**
     * Points learnt before any score is reported: with five-minute points, most of a day, enough
     * for the calibrators' first estimates; NAB's shortest files still leave three quarters scored.
     */
    static final int LEARNING_POINTS = 200;
    /** Five-minute steps kept quiet after an alarm ({@link Steps}): eight hours, long enough to act on one alarm. */
    static final int QUIET_POINTS = 100;
    /**
     * The score at which an alarm is raised: a one-in-a-million event for the series (six of the
     * calibrators' ten decades), about once in ten years of five-minute points if the calibration
     * were exact, so the false alarms that remain come from where it is not.
     */
    static final double FIRING_LEVEL = 0.6;
    /** Damping after an alarm: keeps a damped score below the firing level while still ranking a stronger event higher. */
    static final double QUIET_FACTOR = 0.3;
    /** The default detector trusts a daily profile in full only while it predicts at least as well as a flat level. */
    static final double FULL_TRUST_RATIO = 1.0;

    private static final double FITTED_FIRING_LEVEL = 0.68;
    private static final double FITTED_TRUST_RATIO = 1.25;

    static final String RECURRENCE = "recurrence";
    static final String HEIGHTS = "heights";
    static final String TRUST = "trust";

    private AnomalyDetectors() {
    }

    /** The score at which the default detector raises an alarm (and then keeps quiet for a while). */
    public static double alarmLevel() {
        return FIRING_LEVEL;
    }

    /** The names {@link #create} accepts, the default first. */
    public static Set<String> names() {
        return new LinkedHashSet<>(List.of(DEFAULT, "statistical", "pattern", "learned", FITTED));
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
        return signalDetector(name, Objects.requireNonNull(zone, "zone"));
    }

    /**
     * The parts of a detector that {@link #create(String, ZoneId, Set)} can leave out, to measure
     * what each is worth (an ablation): its signals, its dampers and the seasonal trust bound.
     */
    public static Set<String> components(String name) {
        Set<String> parts = new LinkedHashSet<>();
        for (Signal s : signalsOf(name, ZoneOffset.UTC)) {
            parts.add(componentOf(s));
        }
        if (FITTED.equals(name)) {
            parts.add(RECURRENCE);
            parts.add(HEIGHTS);
        }
        if (parts.contains("seasonal") && parts.contains("deviation")) {
            parts.add(TRUST);
        }
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
        List<Signal> kept = new ArrayList<>();
        boolean noSeasonal = without.contains("seasonal");
        for (Signal s : signalsOf(name, Objects.requireNonNull(zone, "zone"))) {
            // The drift reads the residual's state: it goes when the residual goes.
            if (!without.contains(componentOf(s)) && !(noSeasonal && s instanceof SeasonalDrift)) {
                kept.add(s);
            }
        }
        boolean fitted = FITTED.equals(name);
        return new SignalDetector(name, kept, gate(name), zone, fitted && !without.contains(RECURRENCE),
                fitted && !without.contains(HEIGHTS), !without.contains(TRUST));
    }

    /** Approximate bytes of state one detector of this name keeps per series (a field count). */
    public static int stateBytes(String name) {
        return signalDetector(name, ZoneOffset.UTC).stateBytes();
    }

    static SignalDetector signalDetector(String name) {
        return signalDetector(name, ZoneOffset.UTC);
    }

    static SignalDetector signalDetector(String name, ZoneId zone) {
        boolean fitted = FITTED.equals(name);
        return new SignalDetector(name, signalsOf(name, zone), gate(name), zone, fitted, fitted, true);
    }

    private static AlarmGate gate(String name) {
        return new AlarmGate(LEARNING_POINTS, QUIET_POINTS, FITTED.equals(name) ? FITTED_FIRING_LEVEL : FIRING_LEVEL, QUIET_FACTOR);
    }

    private static List<Signal> signalsOf(String name, ZoneId zone) {
        List<Signal> signals = new ArrayList<>();
        switch (name) {
            case DEFAULT -> {
                signals.addAll(statistical());
                signals.addAll(pattern(zone));
                signals.addAll(learned());
            }
            case "statistical" -> signals.addAll(statistical());
            case "pattern" -> signals.addAll(pattern(zone));
            case "learned" -> signals.addAll(learned());
            case FITTED -> {
                signals.addAll(statistical());
                SeasonalResidual seasonal = new SeasonalResidual(zone, FITTED_TRUST_RATIO);
                // SeasonalDrift reads the residual SeasonalResidual has just computed: it must come after it.
                signals.addAll(List.of(seasonal, new SeasonalDrift(seasonal), new LevelShift(), new TrendChange(), new FlatLine(),
                        new NewExtreme()));
                signals.addAll(learned());
            }
            default -> throw new IllegalArgumentException("unknown anomaly detector '" + name + "'; known: " + names());
        }
        return signals;
    }

    private static String componentOf(Signal s) {
        return switch (s) {
            case PointDeviation p -> "deviation";
            case SeasonalResidual r -> "seasonal";
            case SeasonalDrift d -> "drift";
            case LevelShift l -> "shift";
            case TrendChange t -> "trend";
            case FlatLine f -> "flatline";
            case NewExtreme e -> "extremes";
            case SubsequenceNovelty n -> "novelty";
            default -> s.getClass().getSimpleName();
        };
    }

    /** A fast and a slow level: about an hour and a half and about a day of five-minute points. */
    private static List<Signal> statistical() {
        return List.of(new PointDeviation(0.05), new PointDeviation(0.005));
    }

    /** The time of day and week, a sustained shift, a stuck value. */
    private static List<Signal> pattern(ZoneId zone) {
        return List.of(new SeasonalResidual(zone, FULL_TRUST_RATIO), new LevelShift(), new FlatLine());
    }

    /** A stretch unlike any remembered stretch. */
    private static List<Signal> learned() {
        return List.of(new SubsequenceNovelty());
    }
}
