package dev.selfheal.bench.predict;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * One kind of resource of the predict bench's world, as the world file describes it: a shape
 * (how its readings are generated) and the ranges its parameters are drawn from. Every resource
 * has a limit of 1; readings come every {@link PredictWorld#STEP_S} seconds. Durations are held
 * in readings.
 *
 * @param name   what the table calls it, e.g. {@code leak-linear}
 * @param type   the shape
 * @param params each parameter's range (a single value is a range of one)
 */
record Shape(String name, Type type, Map<String, Range> params) {

    /** A parameter drawn uniformly between {@code lo} and {@code hi}; a single value draws nothing. */
    record Range(double lo, double hi) {
        double draw(Random r) {
            return lo == hi ? lo : lo + (hi - lo) * r.nextDouble();
        }

        int drawInt(Random r) {
            return (int) draw(r);
        }

        /** A whole number from {@code lo} to {@code hi}, each as likely. */
        int drawWhole(Random r) {
            int a = (int) Math.round(lo);
            int b = (int) Math.round(hi);
            return a == b ? a : a + r.nextInt(b - a + 1);
        }
    }

    /** Which parameters are durations (read as {@code 20m}, held in readings) rather than numbers. */
    static final Set<String> DURATIONS = Set.of("onset", "to_fail", "every", "period", "window", "calm", "rise", "drain", "hold",
            "ramp");

    /** The shapes, each with its parameters (those with a default in {@link #DEFAULTS} may be left out). */
    enum Type {
        LEAK(true, "base", "noise", "onset", "to_fail", "power"),
        STEPWISE_LEAK(true, "base", "onset", "to_fail", "every", "noise"),
        SAWTOOTH_LEAK(true, "base", "amplitude", "period", "onset", "to_fail", "noise"),
        FILL(true, "base", "onset", "to_fail", "write_chance"),
        QUOTA_DRAIN(true, "normal_rate", "rate", "window", "onset_windows"),
        FLAT(false, "level", "noise"),
        DAILY(false, "mean", "amplitude", "peak_hour", "noise"),
        SAWTOOTH(false, "floor", "amplitude", "period", "noise"),
        QUOTA(false, "rate", "window"),
        BURSTS(false, "base", "calm", "rise", "peak", "drain", "noise"),
        STEPS(false, "base", "hold", "up", "ramp", "noise");

        final boolean fault;
        final List<String> keys;

        Type(boolean fault, String... keys) {
            this.fault = fault;
            this.keys = List.of(keys);
        }
    }

    /** Parameters that may be left out of the world file, and what they are then. */
    static final Map<String, Range> DEFAULTS = Map.of("power", new Range(1, 1), "noise", new Range(0, 0),
            "write_chance", new Range(0.2, 0.2), "window", new Range(360, 360), "onset_windows", new Range(1, 2),
            "ramp", new Range(1, 3));

    private double d(String key, Random r) {
        return params.get(key).draw(r);
    }

    private int steps(String key, Random r) {
        return params.get(key).drawInt(r);
    }

    /** A fault's readings (from normal use through its onset to past its failure) or {@code steps} readings of a normal resource. */
    Scenario generate(Random r, int steps) {
        return switch (type) {
            case LEAK -> leak(r);
            case STEPWISE_LEAK -> stepwise(r);
            case SAWTOOTH_LEAK -> sawtoothLeak(r);
            case FILL -> fill(r);
            case QUOTA_DRAIN -> quota(r, true, 0);
            case FLAT -> flat(r, steps);
            case DAILY -> daily(r, steps);
            case SAWTOOTH -> sawtooth(r, steps);
            case QUOTA -> quota(r, false, steps);
            case BURSTS -> bursts(r, steps);
            case STEPS -> levelSteps(r, steps);
        };
    }

    private Scenario leak(Random r) {
        double base = d("base", r);
        double noise = d("noise", r);
        int onset = steps("onset", r);
        int toFail = steps("to_fail", r);
        double power = d("power", r);
        int n = onset + toFail + PredictWorld.HOUR;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double progress = i < onset ? 0 : Math.pow((double) (i - onset) / toFail, power);
            v[i] = base + (1 - base) * progress + noise * r.nextGaussian();
        }
        return new Scenario(name, v, firstAtLimit(v, onset), onset, 0);
    }

    private Scenario stepwise(Random r) {
        double base = d("base", r);
        int onset = steps("onset", r);
        int toFail = steps("to_fail", r);
        int every = Math.max(1, steps("every", r));
        double noise = d("noise", r);
        int n = onset + toFail + PredictWorld.HOUR;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double progress = i < onset ? 0 : (double) ((i - onset) / every * every) / toFail;
            v[i] = base + (1 - base) * progress + noise * r.nextGaussian();
        }
        return new Scenario(name, v, firstAtLimit(v, onset), onset, 0);
    }

    /** A leak under a GC sawtooth: it fails when the floor the collections return to reaches the limit. */
    private Scenario sawtoothLeak(Random r) {
        double base = d("base", r);
        double amplitude = d("amplitude", r);
        int period = Math.max(2, steps("period", r));
        int onset = steps("onset", r);
        int toFail = steps("to_fail", r);
        double noise = d("noise", r);
        int n = onset + toFail + PredictWorld.HOUR;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double floor = base + (1 - base) * (i < onset ? 0 : (double) (i - onset) / toFail);
            v[i] = Math.min(1, floor + amplitude * (i % period) / period + noise * r.nextGaussian());
        }
        return new Scenario(name, v, OptionalInt.of(onset + toFail), onset, 0);
    }

    /** A disk filled in bursts of writes: each reading writes with {@code write_chance}, five readings' worth on average. */
    private Scenario fill(Random r) {
        double base = d("base", r);
        int onset = steps("onset", r);
        int toFail = steps("to_fail", r);
        double chance = d("write_chance", r);
        double perStep = (1 - base) / toFail;
        int n = onset + 2 * toFail + PredictWorld.HOUR;
        double[] v = new double[n];
        double level = base;
        for (int i = 0; i < n; i++) {
            if (i >= onset && r.nextDouble() < chance) {
                level += perStep / chance * (0.5 + r.nextDouble());
            }
            v[i] = level;
        }
        return new Scenario(name, v, firstAtLimit(v, onset), onset, 0);
    }

    /** Fixed windows; a fault drains {@code rate} allowances a window from its onset window on, after normal use. */
    private Scenario quota(Random r, boolean fault, int steps) {
        int window = Math.max(2, (int) params.get("window").lo());
        double normalRate = fault ? d("normal_rate", r) : d("rate", r);
        double faultRate = fault ? d("rate", r) : 0;
        int onset = fault ? window * params.get("onset_windows").drawWhole(r) : 0;
        int n = fault ? onset + 2 * window : steps;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double rate = fault && i >= onset ? faultRate : normalRate;
            v[i] = Math.max(0, rate * (i % window) / window * (0.9 + 0.2 * r.nextDouble()));
        }
        return new Scenario(name, v, fault ? firstAtLimit(v, onset) : OptionalInt.empty(), onset, window);
    }

    private Scenario flat(Random r, int n) {
        double level = d("level", r);
        double noise = d("noise", r);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = level + noise * r.nextGaussian();
        }
        return new Scenario(name, v, OptionalInt.empty(), 0, 0);
    }

    private Scenario daily(Random r, int n) {
        double mean = d("mean", r);
        double amplitude = d("amplitude", r);
        double peakHour = d("peak_hour", r);
        double noise = d("noise", r);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double hours = (double) i / PredictWorld.HOUR;
            v[i] = mean + amplitude * Math.cos(2 * Math.PI * (hours - peakHour) / 24) + noise * r.nextGaussian();
        }
        return new Scenario(name, v, OptionalInt.empty(), 0, 0);
    }

    private Scenario sawtooth(Random r, int n) {
        double floor = d("floor", r);
        double amplitude = d("amplitude", r);
        int period = Math.max(2, steps("period", r));
        double noise = d("noise", r);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = floor + amplitude * (i % period) / period + noise * r.nextGaussian();
        }
        return new Scenario(name, v, OptionalInt.empty(), 0, 0);
    }

    /** A batch that fills a queue for {@code rise} up to {@code peak}, then drains in {@code drain}, after {@code calm}: again and again. */
    private Scenario bursts(Random r, int n) {
        double[] v = new double[n];
        double base = d("base", r);
        double noise = d("noise", r);
        int i = 0;
        while (i < n) {
            int calm = steps("calm", r);
            for (int k = 0; k < calm && i < n; k++, i++) {
                v[i] = base + noise * r.nextGaussian();
            }
            int rise = Math.max(1, steps("rise", r));
            double peak = d("peak", r);
            for (int k = 0; k < rise && i < n; k++, i++) {
                v[i] = base + (peak - base) * k / rise + noise * r.nextGaussian();
            }
            int drain = Math.max(1, steps("drain", r));
            for (int k = 0; k < drain && i < n; k++, i++) {
                v[i] = peak - (peak - base) * k / drain + noise * r.nextGaussian();
            }
        }
        return new Scenario(name, v, OptionalInt.empty(), 0, 0);
    }

    /** A level that steps up by {@code up} (a deploy, a bigger cache) over {@code ramp}, and back down after {@code hold}. */
    private Scenario levelSteps(Random r, int n) {
        double[] v = new double[n];
        double base = d("base", r);
        double noise = d("noise", r);
        double level = base;
        int i = 0;
        boolean up = false;
        while (i < n) {
            int hold = steps("hold", r);
            for (int k = 0; k < hold && i < n; k++, i++) {
                v[i] = level + noise * r.nextGaussian();
            }
            up = !up;
            double target = up ? base + d("up", r) : base;
            int ramp = Math.max(1, params.get("ramp").drawWhole(r));
            double from = level;
            for (int k = 1; k <= ramp && i < n; k++, i++) {
                v[i] = from + (target - from) * k / ramp + noise * r.nextGaussian();
            }
            level = target;
        }
        return new Scenario(name, v, OptionalInt.empty(), 0, 0);
    }

    private OptionalInt firstAtLimit(double[] v, int from) {
        for (int i = from; i < v.length; i++) {
            if (v[i] >= 1) {
                return OptionalInt.of(i);
            }
        }
        throw new IllegalStateException("a fault of " + name + " never reaches its limit: its parameters let it stop short of 1");
    }
}
