package dev.selfheal.anomaly;

import java.time.Instant;
import java.util.List;

/**
 * A detector built from signals: each signal's surprise is calibrated to a probability-like
 * score for this series, the detector reports the strongest of them, and an {@link AlarmGate}
 * keeps it silent while learning and quiet after an alarm.
 *
 * <p>Taking the maximum of calibrated scores is the simplest ensemble that is right in
 * kind: each signal is an expert in one sort of anomaly (a spike, a shift, a new shape, a
 * stuck value), an anomaly of one sort need not disturb the others, and after calibration the
 * scores share one scale (decades of improbability), so the maximum is meaningful. Points
 * that are not finite are skipped: they teach nothing and score {@link AnomalyScore#NONE}.
 */
final class SignalDetector implements AnomalyDetector {

    private final String name;
    private final Signal[] signals;
    private final TailCalibrator[] calibrators;
    private final AlarmGate gate;
    private final int corroborators;

    SignalDetector(String name, List<Signal> signals, AlarmGate gate) {
        this(name, signals, List.of(), gate);
    }

    /**
     * A detector whose {@code corroborating} signals do not raise alarms of their own but weigh
     * the others: the strongest score is multiplied by {@code 0.9 + 0.1 · corroboration}, so an
     * excursion that also completes a never-seen context ranks above one the series has shown
     * before.
     */
    SignalDetector(String name, List<Signal> signals, List<Signal> corroborating, AlarmGate gate) {
        this.name = name;
        this.corroborators = corroborating.size();
        signals = new java.util.ArrayList<>(signals);
        signals.addAll(corroborating);
        this.signals = signals.toArray(Signal[]::new);
        this.calibrators = new TailCalibrator[this.signals.length];
        for (int i = 0; i < this.signals.length; i++) {
            calibrators[i] = this.signals[i].isProbability() ? null : TailCalibrator.standard();
        }
        this.gate = gate;
    }

    @Override
    public AnomalyScore update(Instant timestamp, double value) {
        if (!Double.isFinite(value)) {
            return AnomalyScore.NONE;
        }
        long second = timestamp.getEpochSecond();
        double strongest = 0;
        double corroboration = 0;
        int leaders = signals.length - corroborators;
        for (int i = 0; i < signals.length; i++) {
            double surprise = signals[i].observe(second, value);
            if (Double.isNaN(surprise)) {
                continue;
            }
            double score = calibrators[i] == null ? surprise : calibrators[i].score(surprise);
            if (i < leaders) {
                strongest = Math.max(strongest, score);
            } else {
                corroboration = Math.max(corroboration, score);
            }
        }
        if (corroborators > 0) {
            strongest *= 0.9 + 0.1 * corroboration;
        }
        double gated = gate.pass(Math.min(1.0, strongest));
        return new AnomalyScore(gated, gate.confidence());
    }

    @Override
    public String name() {
        return name;
    }

    /** Approximate retained bytes: this object, its signals, calibrators and gate (a field count). */
    int stateBytes() {
        int bytes = 16 + 4 * 8 + 2 * (16 + 8 * signals.length) + AlarmGate.stateBytes();
        for (int i = 0; i < signals.length; i++) {
            bytes += signals[i].stateBytes() + (calibrators[i] == null ? 0 : TailCalibrator.stateBytes());
        }
        return bytes;
    }
}
