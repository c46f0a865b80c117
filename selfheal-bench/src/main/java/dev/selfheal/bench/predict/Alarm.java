package dev.selfheal.bench.predict;

import dev.selfheal.prediction.ExhaustionPredictor;
import dev.selfheal.prediction.ForecastSelector;
import dev.selfheal.prediction.PredictionSettings;
import dev.selfheal.prediction.Resource;
import dev.selfheal.prediction.ResourceGauge;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A warning rule stepped through a scenario's readings: whether it warns after each reading. */
interface Alarm {

    boolean warnsAfter(int step, double value);

    /** A preventive action ran: the resource was released (the predictor forgets its history). */
    default void released() {
    }

    /** selfheal's {@link ExhaustionPredictor} on virtual time. */
    final class Predictor implements Alarm {
        private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
        private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-02T00:00:00Z"));
        private final ExhaustionPredictor predictor;
        private double value;
        private OptionalLong resetAt = OptionalLong.empty();
        private final int resetPeriod;
        long nanos;
        long forecasts;

        Predictor(int resetPeriod, PredictionSettings settings) {
            this.resetPeriod = resetPeriod;
            ResourceGauge gauge = new ResourceGauge() {
                private final Resource resource = new Resource("bench", "resource");

                @Override
                public Resource resource() {
                    return resource;
                }

                @Override
                public Optional<Reading> read(Instant now) {
                    return Optional.of(new Reading(value, 1.0, resetAt));
                }
            };
            this.predictor = new ExhaustionPredictor(List.of(gauge), ForecastSelector.standard(), settings,
                    problem -> { }, scheduler);
        }

        @Override
        public boolean warnsAfter(int step, double v) {
            value = v;
            if (resetPeriod > 0) {
                long periodMs = resetPeriod * PredictWorld.STEP_S * 1000L;
                long now = scheduler.now().toEpochMilli();
                resetAt = OptionalLong.of((Math.floorDiv(now, periodMs) + 1) * periodMs);
            }
            scheduler.advance(Duration.ofSeconds(PredictWorld.STEP_S));
            // CPU time of this thread, not wall time: the share of a core is what forecasting costs, however busy the machine is
            long t0 = CPU.getCurrentThreadCpuTime();
            boolean warning = predictor.assess().getFirst().warning();
            nanos += CPU.getCurrentThreadCpuTime() - t0;
            forecasts++;
            return warning;
        }

        @Override
        public void released() {
            predictor.release("bench");
        }
    }

    /**
     * Prometheus's {@code predict_linear(x[1h], 1800) >= limit}: a least-squares line over the
     * last hour, firing when it reaches the limit within the same 30-minute horizon as the
     * predictor, from 18 readings (3 min) on.
     */
    final class PredictLinear implements Alarm {
        private final Deque<double[]> window = new ArrayDeque<>();
        private static final int WINDOW = 3600 / PredictWorld.STEP_S;
        private static final int HORIZON = 1800 / PredictWorld.STEP_S;

        @Override
        public boolean warnsAfter(int step, double value) {
            window.addLast(new double[] {step, value});
            if (window.size() > WINDOW) {
                window.removeFirst();
            }
            if (window.size() < 18) {
                return false;
            }
            double n = window.size();
            double st = 0;
            double sv = 0;
            for (double[] p : window) {
                st += p[0];
                sv += p[1];
            }
            double mt = st / n;
            double mv = sv / n;
            double cov = 0;
            double var = 0;
            for (double[] p : window) {
                cov += (p[0] - mt) * (p[1] - mv);
                var += (p[0] - mt) * (p[0] - mt);
            }
            double slope = var == 0 ? 0 : cov / var;
            return mv + slope * (step + HORIZON - mt) >= 1.0;
        }
    }

    /** A static threshold: warns while the reading is at or above 90 % of the limit. */
    final class Threshold implements Alarm {
        @Override
        public boolean warnsAfter(int step, double value) {
            return value >= 0.9;
        }
    }
}
