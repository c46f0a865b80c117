package dev.selfheal.metrics;

import java.util.Locale;

final class Format {

    private Format() {
    }

    /** A value short enough for evidence: integers plainly, else three significant digits. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
