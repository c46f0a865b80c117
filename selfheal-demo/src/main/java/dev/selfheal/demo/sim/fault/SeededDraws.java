package dev.selfheal.demo.sim.fault;

/**
 * Deterministic pseudo-random draws: the n-th draw of a stream is a pure function of
 * (seed, stream, n), so the n-th request after a fault is injected meets the same fate in
 * every run with the same seed, whatever the threads' timing (SplitMix64 finaliser).
 */
public final class SeededDraws {

    private final long seed;

    public SeededDraws(long seed) {
        this.seed = seed;
    }

    /** A draw in [0, 1). */
    public double unit(long stream, long index) {
        return (mix(seed ^ mix(stream * 0x9E3779B97F4A7C15L + index)) >>> 11) * 0x1.0p-53;
    }

    /** A draw in [0, bound). */
    public int below(long stream, long index, int bound) {
        return (int) Math.min(bound - 1, Math.floor(unit(stream, index) * bound));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
