package dev.selfheal.bench.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

/**
 * The generated world of the predict bench, from one seed. Every resource has a limit of 1.
 *
 * <p>Faults, each after one to two hours of normal use: a linear leak, an accelerating leak, a
 * stepwise leak, a leak under a GC sawtooth (it fails when the floor the collections return to
 * reaches the limit), a disk filled in bursts, and a quota drained faster than its hourly window
 * allows. Times to failure after the onset are drawn between 20 minutes and 4 hours. Normal
 * resources: flat noise, a daily cycle, a steady GC sawtooth, a quota used within its allowance,
 * bursts that rise for a quarter to half an hour and drain again, and a level that steps up and
 * back down hours later.
 */
final class PredictWorld {

    static final int STEP_S = 10;
    private static final int HOUR = 3600 / STEP_S;

    private PredictWorld() {
    }

    static List<Scenario> generate(long seed, int faultsPerKind, double normalDays) {
        Random r = new Random(seed);
        List<Scenario> all = new ArrayList<>();
        for (int i = 0; i < faultsPerKind; i++) {
            all.add(leak("leak-linear", r, 1));
            all.add(leak("leak-accelerating", r, 2));
            all.add(stepwise(r));
            all.add(gcLeak(r));
            all.add(diskFill(r));
            all.add(quota(r, true, (int) (6 * HOUR)));
        }
        int normalSteps = (int) (normalDays * 24 * HOUR);
        all.add(flat(r, normalSteps));
        all.add(daily(r, normalSteps));
        all.add(gcSteady(r, normalSteps));
        all.add(quota(r, false, normalSteps));
        all.add(bursts(r, normalSteps));
        all.add(steps(r, normalSteps));
        return all;
    }

    private static double between(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static Scenario leak(String kind, Random r, double power) {
        double base = between(r, 0.2, 0.5);
        double noise = between(r, 0.003, 0.02);
        int onset = (int) between(r, HOUR, 2 * HOUR);
        int toFail = (int) between(r, HOUR / 3.0, 4 * HOUR);
        int n = onset + toFail + HOUR;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double progress = i < onset ? 0 : Math.pow((double) (i - onset) / toFail, power);
            v[i] = base + (1 - base) * progress + noise * r.nextGaussian();
        }
        return new Scenario(kind, v, firstAtLimit(v, onset), onset, 0);
    }

    private static Scenario stepwise(Random r) {
        double base = between(r, 0.2, 0.5);
        int onset = (int) between(r, HOUR, 2 * HOUR);
        int toFail = (int) between(r, HOUR / 3.0, 4 * HOUR);
        int every = (int) between(r, 12, 48);
        int n = onset + toFail + HOUR;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double progress = i < onset ? 0 : (double) ((i - onset) / every * every) / toFail;
            v[i] = base + (1 - base) * progress + 0.005 * r.nextGaussian();
        }
        return new Scenario("leak-stepwise", v, firstAtLimit(v, onset), onset, 0);
    }

    private static Scenario gcLeak(Random r) {
        double base = between(r, 0.2, 0.4);
        double amplitude = between(r, 0.15, 0.35);
        int period = (int) between(r, 6, 24);
        int onset = (int) between(r, HOUR, 2 * HOUR);
        int toFail = (int) between(r, HOUR / 3.0, 4 * HOUR);
        int n = onset + toFail + HOUR;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double floor = base + (1 - base) * (i < onset ? 0 : (double) (i - onset) / toFail);
            v[i] = Math.min(1, floor + amplitude * (i % period) / period + 0.003 * r.nextGaussian());
        }
        return new Scenario("leak-gc-sawtooth", v, OptionalInt.of(onset + toFail), onset, 0);
    }

    private static Scenario diskFill(Random r) {
        double base = between(r, 0.3, 0.6);
        int onset = (int) between(r, HOUR, 2 * HOUR);
        int toFail = (int) between(r, HOUR / 3.0, 4 * HOUR);
        double perStep = (1 - base) / toFail;
        int n = onset + 2 * toFail + HOUR;
        double[] v = new double[n];
        double level = base;
        for (int i = 0; i < n; i++) {
            if (i >= onset && r.nextDouble() < 0.2) {
                level += perStep * 5 * (0.5 + r.nextDouble());
            }
            v[i] = level;
        }
        return new Scenario("disk-fill", v, firstAtLimit(v, onset), onset, 0);
    }

    /** Hourly windows; a fault drains one to three allowances an hour from its onset window on. */
    private static Scenario quota(Random r, boolean fault, int steps) {
        double normalRate = between(r, 0.3, 0.85);
        double faultRate = between(r, 1.2, 3);
        int onset = fault ? HOUR * (1 + r.nextInt(2)) : 0;
        int n = fault ? onset + 2 * HOUR : steps;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double rate = fault && i >= onset ? faultRate : normalRate;
            double used = rate * (i % HOUR) / HOUR * (0.9 + 0.2 * r.nextDouble());
            v[i] = Math.max(0, used);
        }
        return new Scenario(fault ? "quota-drain" : "normal-quota", v, fault ? firstAtLimit(v, onset) : OptionalInt.empty(),
                onset, HOUR);
    }

    private static Scenario flat(Random r, int n) {
        double level = between(r, 0.4, 0.7);
        double noise = between(r, 0.01, 0.03);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = level + noise * r.nextGaussian();
        }
        return new Scenario("normal-flat", v, OptionalInt.empty(), 0, 0);
    }

    private static Scenario daily(Random r, int n) {
        double amplitude = between(r, 0.1, 0.25);
        double peakHour = between(r, 9, 18);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double hours = (double) i / HOUR;
            v[i] = 0.55 + amplitude * Math.cos(2 * Math.PI * (hours - peakHour) / 24) + 0.01 * r.nextGaussian();
        }
        return new Scenario("normal-daily", v, OptionalInt.empty(), 0, 0);
    }

    private static Scenario gcSteady(Random r, int n) {
        double floor = between(r, 0.3, 0.5);
        double amplitude = between(r, 0.2, 0.45);
        int period = (int) between(r, 6, 24);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = floor + amplitude * (i % period) / period + 0.003 * r.nextGaussian();
        }
        return new Scenario("normal-gc", v, OptionalInt.empty(), 0, 0);
    }

    /** A batch that fills a queue for 15 to 30 minutes up to 0.6 to 0.85, then drains in 10: a few times a day. */
    private static Scenario bursts(Random r, int n) {
        double[] v = new double[n];
        double base = between(r, 0.2, 0.35);
        int i = 0;
        while (i < n) {
            int calm = (int) between(r, 2 * HOUR, 6 * HOUR);
            for (int k = 0; k < calm && i < n; k++, i++) {
                v[i] = base + 0.01 * r.nextGaussian();
            }
            int rise = (int) between(r, HOUR / 4.0, HOUR / 2.0);
            double peak = between(r, 0.6, 0.85);
            for (int k = 0; k < rise && i < n; k++, i++) {
                v[i] = base + (peak - base) * k / rise + 0.01 * r.nextGaussian();
            }
            int drain = HOUR / 6;
            for (int k = 0; k < drain && i < n; k++, i++) {
                v[i] = peak - (peak - base) * k / drain + 0.01 * r.nextGaussian();
            }
        }
        return new Scenario("normal-bursts", v, OptionalInt.empty(), 0, 0);
    }

    /** A level that steps up by 0.15 to 0.3 (a deploy, a bigger cache) and back down hours later, within a few readings. */
    private static Scenario steps(Random r, int n) {
        double[] v = new double[n];
        double base = between(r, 0.3, 0.45);
        double level = base;
        int i = 0;
        boolean up = false;
        while (i < n) {
            int hold = (int) between(r, 3 * HOUR, 8 * HOUR);
            for (int k = 0; k < hold && i < n; k++, i++) {
                v[i] = level + 0.01 * r.nextGaussian();
            }
            up = !up;
            double target = up ? base + between(r, 0.15, 0.3) : base;
            int ramp = 1 + r.nextInt(3);
            double from = level;
            for (int k = 1; k <= ramp && i < n; k++, i++) {
                v[i] = from + (target - from) * k / ramp + 0.01 * r.nextGaussian();
            }
            level = target;
        }
        return new Scenario("normal-step", v, OptionalInt.empty(), 0, 0);
    }

    private static OptionalInt firstAtLimit(double[] v, int from) {
        for (int i = from; i < v.length; i++) {
            if (v[i] >= 1) {
                return OptionalInt.of(i);
            }
        }
        throw new IllegalStateException("a generated fault never reaches its limit");
    }
}
