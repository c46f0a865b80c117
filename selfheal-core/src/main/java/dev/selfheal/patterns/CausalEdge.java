package dev.selfheal.patterns;

import java.util.Objects;

/**
 * A failure edge: {@code from}'s failures are followed by {@code to}'s. Either configured
 * ({@code alerting.dependencies}: {@code to} depends on {@code from}) or learned from
 * precedence, in which case the counts say how strongly.
 *
 * @param from       the upstream component (the cause)
 * @param to         the downstream component (the symptom)
 * @param configured whether the configuration names this dependency
 * @param hits       {@code from}'s failure episodes followed by {@code to}'s within the lag
 * @param trials     {@code from}'s failure episodes
 * @param expected   hits expected by chance from {@code to}'s own failure rate
 * @param qValue     Benjamini-Hochberg adjusted p-value over every ordered pair tested (0 when only configured)
 */
public record CausalEdge(String from, String to, boolean configured, long hits, long trials, double expected, double qValue) {

    public CausalEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    static CausalEdge configured(String from, String to) {
        return new CausalEdge(from, to, true, 0, 0, 0, 0);
    }

    /** Observed over expected: how many times more often than chance. */
    public double lift() {
        return expected > 0 ? hits / expected : Double.POSITIVE_INFINITY;
    }

    /** A learned edge the configuration does not name: shown as a suggestion to add. */
    public boolean suggestion() {
        return !configured && trials > 0;
    }
}
