package dev.selfheal.patterns;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A component that fails at the same time of day (or of the week) more often than its own
 * base rate allows by chance.
 *
 * @param component    the component
 * @param recurrence   every day, or one day of the week
 * @param dayOfWeek    the day, for {@link Recurrence#WEEKLY}
 * @param fromHour     first hour of the window (local to {@code zone})
 * @param toHour       hour after the window's last, 1..24
 * @param zone         the zone the hours are read in
 * @param hits         periods (days or weeks) with a failure in the window
 * @param trials       periods observed
 * @param pValue       binomial upper-tail p-value under the component's base rate
 * @param qValue       Benjamini-Hochberg adjusted p-value over every slot tested
 * @param firstSeen    first failure in the window
 * @param lastSeen     last failure in the window
 * @param recentHits   hits among the last {@code recentTrials} periods
 * @param recentTrials how many recent periods {@code recentHits} counts over
 * @param active       false when the pattern has stopped recurring (no hit in its last few periods)
 */
public record TemporalPattern(
        String component,
        Recurrence recurrence,
        Optional<DayOfWeek> dayOfWeek,
        int fromHour,
        int toHour,
        ZoneId zone,
        int hits,
        int trials,
        double pValue,
        double qValue,
        Instant firstSeen,
        Instant lastSeen,
        int recentHits,
        int recentTrials,
        boolean active) {

    /** How often the pattern recurs. */
    public enum Recurrence { DAILY, WEEKLY }

    public TemporalPattern {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(recurrence, "recurrence");
        Objects.requireNonNull(dayOfWeek, "dayOfWeek");
        Objects.requireNonNull(zone, "zone");
        if (fromHour < 0 || toHour > 24 || fromHour >= toHour) {
            throw new IllegalArgumentException("pattern hours must satisfy 0 <= from < to <= 24: %d..%d".formatted(fromHour, toHour));
        }
    }

    /** 1 - q: how sure we are that this is not chance, after the false-discovery control. */
    public double confidence() {
        return 1 - qValue;
    }

    /** Whether {@code hour} (local) falls in the window, on the pattern's day for a weekly one. */
    public boolean covers(DayOfWeek day, int hour) {
        return hour >= fromHour && hour < toHour && dayOfWeek.map(d -> d == day).orElse(true);
    }

    /** One line for an incident or a notification: "fails most days 02:00–03:00 UTC, 9 of the last 10". */
    public String describe() {
        String when = recurrence == Recurrence.DAILY ? "most days"
                : "most " + dayOfWeek.orElseThrow().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + "s";
        String last = recurrence == Recurrence.DAILY ? "days" : "weeks";
        return "%s fails %s %02d:00–%02d:00 %s, %d of the last %d %s (%d of %d overall, confidence %.3f)".formatted(
                component, when, fromHour, toHour, zone.getId(), recentHits, recentTrials, last, hits, trials, confidence());
    }
}
