package dev.selfheal.time;

import java.time.Duration;
import java.util.Locale;

/**
 * Lengths of time as a person reads them, one wording for logs, API texts and the console:
 * {@link #of} for a measured length ("21 ms", "2.3 s", "42 s", "1 min 5 s", "1 h 2 min") and
 * {@link #about} for an estimate ("about 40 s", "about 4 min", "about 2 h").
 *
 * <p>Not the config syntax ("30s", "5m"): that is what a config file is written in and read
 * back from, and has its own parser and printer in the server's config.
 */
public final class HumanDuration {

    private HumanDuration() { }

    /**
     * A measured length in the unit a person reads: milliseconds under a second, one decimal
     * under ten seconds (none when it is 0: "5 s"), then whole seconds, minutes and seconds, hours and minutes. A negative
     * length reads as "0 ms".
     */
    public static String of(Duration d) {
        long ms = d.isNegative() ? 0 : d.toMillis();
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 10_000) {
            String tenths = String.format(Locale.ROOT, "%.1f", ms / 1000.0);
            return (tenths.endsWith(".0") ? tenths.substring(0, tenths.length() - 2) : tenths) + " s";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        long rest = s % 60;
        if (min < 60) {
            return rest == 0 ? min + " min" : min + " min " + rest + " s";
        }
        return min % 60 == 0 ? (min / 60) + " h" : (min / 60) + " h " + (min % 60) + " min";
    }

    /**
     * An estimate, rounded to one unit: seconds under two minutes, minutes under two hours,
     * then hours, each after "about".
     */
    public static String about(Duration d) {
        long s = d.abs().toSeconds();
        if (s < 120) {
            return "about " + s + " s";
        }
        if (s < 7200) {
            return "about " + Math.round(s / 60.0) + " min";
        }
        return "about " + Math.round(s / 3600.0) + " h";
    }
}
