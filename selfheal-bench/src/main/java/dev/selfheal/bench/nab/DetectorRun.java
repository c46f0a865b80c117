package dev.selfheal.bench.nab;

import dev.selfheal.anomaly.AnomalyDetector;
import java.time.Instant;
import java.util.List;

/** One detector run over one series: a fresh detector per series, fed one point at a time. */
final class DetectorRun {

    private DetectorRun() {
    }

    static Instant[] instants(NabSeries series) {
        List<java.time.LocalDateTime> ts = series.timestamps();
        Instant[] instants = new Instant[ts.size()];
        for (int i = 0; i < instants.length; i++) {
            instants[i] = NabTime.toInstant(ts.get(i));
        }
        return instants;
    }

    static double[] scores(DetectorSpec spec, Instant[] instants, double[] values) {
        AnomalyDetector detector = spec.create();
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scores[i] = detector.update(instants[i], values[i]).score();
        }
        return scores;
    }
}
