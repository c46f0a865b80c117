package dev.selfheal.alerting.rules;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts fire/resolve cycles per fingerprint in a sliding window. More than {@code threshold}
 * cycles in {@code window} and the fingerprint is flapping; it stops flapping once it has been
 * quiet (no transition) for a whole window. Memory per fingerprint is bounded by the threshold.
 */
public final class FlapDetector {

    private final int threshold;
    private final Duration window;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        final ArrayDeque<Instant> fires = new ArrayDeque<>();
        Instant lastTransition;
        boolean flapping;
    }

    public FlapDetector(int threshold, Duration window) {
        if (threshold < 1) {
            throw new IllegalArgumentException("flap threshold must be at least 1, got " + threshold);
        }
        DurationChecks.positive(window, "flap window");
        this.threshold = threshold;
        this.window = window;
    }

    /** Records that the fingerprint fired (a new episode began); returns whether it is flapping now. */
    public synchronized boolean fired(String fingerprint, Instant at) {
        State s = states.computeIfAbsent(fingerprint, k -> new State());
        expire(s, at);
        s.fires.addLast(at);
        while (s.fires.size() > threshold + 1) {
            s.fires.pollFirst();
        }
        s.lastTransition = at;
        if (s.fires.size() > threshold) {
            s.flapping = true;
        }
        return s.flapping;
    }

    /** Records a resolution; returns whether the fingerprint is (still) flapping. */
    public synchronized boolean resolved(String fingerprint, Instant at) {
        State s = states.get(fingerprint);
        if (s == null) {
            return false;
        }
        expire(s, at);
        s.lastTransition = at;
        return s.flapping;
    }

    public synchronized boolean isFlapping(String fingerprint, Instant at) {
        State s = states.get(fingerprint);
        if (s == null) {
            return false;
        }
        expire(s, at);
        return s.flapping;
    }

    public Duration window() {
        return window;
    }

    /** Forgets fingerprints quiet for a whole window (bounded memory under churn). */
    public synchronized void prune(Instant now) {
        states.values().removeIf(s -> {
            expire(s, now);
            return s.fires.isEmpty() && !s.flapping;
        });
    }

    public synchronized int tracked() {
        return states.size();
    }

    private void expire(State s, Instant now) {
        Instant cutoff = now.minus(window);
        while (!s.fires.isEmpty() && s.fires.peekFirst().isBefore(cutoff)) {
            s.fires.pollFirst();
        }
        if (s.flapping && s.lastTransition != null && !s.lastTransition.isAfter(cutoff)) {
            s.flapping = false;
            s.fires.clear();
        }
    }
}
