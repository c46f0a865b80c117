package dev.selfheal.anomaly;

import java.time.Instant;
import java.util.List;

/**
 * A detector built from signals: each signal's raw surprise is calibrated against this series'
 * own history of that surprise (a z in log space, {@link TailCalibrator}), the detector reports
 * the strongest, and an {@link AlarmGate} keeps it silent while learning and quiet after an alarm.
 *
 * <p>Taking the maximum of calibrated signals is the simplest ensemble that is right in kind:
 * each signal is an expert in one sort of anomaly (a spike, a shift, a new shape, a stuck value),
 * an anomaly of one sort need not disturb the others, and after calibration they share one scale.
 * Because the tail is monotone, the strongest z is converted to a score once, not once per
 * signal. Signals that already speak in probabilities (a flat line's run length) compete with
 * that score directly. Points that are not finite are skipped: they teach nothing and score
 * {@link AnomalyScore#NONE}. The seasonal residual may exceed the plain deviation only as far as
 * the daily profile has earned it ({@link SeasonalResidual#trust()}): a series whose bursts come
 * at random hours gets no stronger time-of-day opinion than its plain deviation. The dampers
 * ({@link DailyRecurrence}, {@link RecurringHeight}) belong to {@code fitted} only.
 */
final class SignalDetector implements AnomalyDetector {

    private static final double DECADES = TailCalibrator.standard().decades();

    private final String name;
    private final Signal[] signals;
    /** Which signals are plain deviations ({@link PointDeviation}): they bound the seasonal opinion. */
    private final boolean[] plain;
    /** The index of the seasonal residual among the signals, if a plain deviation is there to bound it (-1: none). */
    private final int seasonalIndex;
    private final TailCalibrator[] calibrators;
    private final AlarmGate gate;
    private long lastSecond = Long.MIN_VALUE;
    /** Null when left out (an ablation). */
    private final DailyRecurrence recurrence;
    /** Null when left out (an ablation). */
    private final RecurringHeight heights;

    /**
     * @param zone the time zone whose days the series follows (for {@link DailyRecurrence})
     * @param recurrence whether alarms at the same time of day are damped ({@link DailyRecurrence})
     * @param heights whether alarms at a recurring height are damped ({@link RecurringHeight})
     * @param trust whether the seasonal residual is bounded by what its profile has earned ({@link SeasonalResidual#trust()})
     */
    SignalDetector(String name, List<Signal> signals, AlarmGate gate, java.time.ZoneId zone, boolean recurrence, boolean heights,
                   boolean trust) {
        this.name = name;
        this.recurrence = recurrence ? new DailyRecurrence(0.5, 0.8, 0.5, zone) : null;
        this.heights = heights ? new RecurringHeight(0.5, 0.15, 3, 0.5) : null;
        this.signals = signals.toArray(Signal[]::new);
        this.calibrators = new TailCalibrator[this.signals.length];
        for (int i = 0; i < this.signals.length; i++) {
            calibrators[i] = this.signals[i].isProbability() ? null : TailCalibrator.withFloor(this.signals[i].calibrationFloor());
        }
        this.gate = gate;
        this.plain = new boolean[this.signals.length];
        int seasonal = -1;
        boolean anyPlain = false;
        for (int i = 0; i < this.signals.length; i++) {
            plain[i] = this.signals[i] instanceof PointDeviation;
            anyPlain |= plain[i];
            seasonal = this.signals[i] instanceof SeasonalResidual ? i : seasonal;
        }
        this.seasonalIndex = anyPlain && trust ? seasonal : -1;
    }

    @Override
    public AnomalyScore update(Instant timestamp, double value) {
        if (!Double.isFinite(value)) {
            return AnomalyScore.NONE;
        }
        long second = timestamp.getEpochSecond();
        double steps = lastSecond == Long.MIN_VALUE ? 1.0 : Steps.of(second - lastSecond);
        lastSecond = second;
        double strongestZ = 0;
        double strongestProbability = 0;
        double plainZ = 0;
        double seasonalZ = 0;
        for (int i = 0; i < signals.length; i++) {
            double surprise = signals[i].observe(second, value, steps);
            if (Double.isNaN(surprise)) {
                continue;
            }
            if (calibrators[i] == null) {
                strongestProbability = Math.max(strongestProbability, surprise);
            } else if (i == seasonalIndex) {
                seasonalZ = calibrators[i].z(surprise, steps);
            } else {
                double z = calibrators[i].z(surprise, steps);
                strongestZ = Math.max(strongestZ, z);
                if (plain[i]) {
                    plainZ = Math.max(plainZ, z);
                }
            }
        }
        if (seasonalZ > strongestZ) { // beyond the plain deviation only as far as the daily profile has earned it
            double trust = ((SeasonalResidual) signals[seasonalIndex]).trust();
            strongestZ = Math.max(strongestZ, plainZ + trust * (seasonalZ - plainZ));
        }
        double strongest = Math.max(strongestProbability, TailCalibrator.scoreOf(strongestZ, DECADES));
        if (recurrence != null) {
            strongest = recurrence.pass(second, strongest);
        }
        if (heights != null) {
            strongest = heights.pass(value, strongest);
        }
        double gated = gate.pass(Math.min(1.0, strongest), steps);
        return new AnomalyScore(gated, gate.confidence());
    }

    List<Signal> signals() {
        return List.of(signals);
    }

    @Override
    public String name() {
        return name;
    }

    /** Approximate retained bytes: this object, its signals, calibrators and gate (a field count). */
    int stateBytes() {
        int bytes = 16 + 8 * 8 + 4 + 2 * (16 + 8 * signals.length) + 16 + signals.length + AlarmGate.stateBytes() + DailyRecurrence.stateBytes()
                + RecurringHeight.stateBytes();
        for (int i = 0; i < signals.length; i++) {
            bytes += signals[i].stateBytes() + (calibrators[i] == null ? 0 : TailCalibrator.stateBytes());
        }
        return bytes;
    }
}
