package dev.selfheal.demo.cli;

import java.time.Duration;
import java.util.Locale;

/** Figures as the terminal prints them: durations in the unit a person reads ("210 ms", "2.3 s", "1 min 5 s"). */
final class Figures {

    private Figures() {
    }

    static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
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
        return (min / 60) + " h " + (min % 60) + " min";
    }
}
