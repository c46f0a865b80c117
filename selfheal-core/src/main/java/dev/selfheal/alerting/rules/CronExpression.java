package dev.selfheal.alerting.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.BitSet;
import java.util.Locale;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}), with
 * {@code *}, lists, ranges and steps ({@code 0 2 * * 6,0}, {@code *}{@code /15 9-17 * * mon-fri}).
 * Day of week is 0-7 (0 and 7 Sunday) or mon..sun. When both day fields are restricted, a day
 * matching either counts, as in Vixie cron.
 */
public final class CronExpression {

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean daysRestricted;
    private final boolean weekdaysRestricted;

    private CronExpression(String text, BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
                           boolean daysRestricted, boolean weekdaysRestricted) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.weekdays = weekdays;
        this.daysRestricted = daysRestricted;
        this.weekdaysRestricted = weekdaysRestricted;
    }

    public static CronExpression parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("cron expression is missing");
        }
        String[] f = text.strip().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("cron '%s' must have 5 fields (minute hour day-of-month month day-of-week), got %d"
                    .formatted(text, f.length));
        }
        BitSet weekdays = field(text, "day-of-week", f[4].toLowerCase(Locale.ROOT), 0, 7);
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        return new CronExpression(text.strip(), field(text, "minute", f[0], 0, 59), field(text, "hour", f[1], 0, 23),
                field(text, "day-of-month", f[2], 1, 31), field(text, "month", f[3], 1, 12), weekdays,
                !f[2].equals("*"), !f[4].equals("*"));
    }

    private static BitSet field(String text, String name, String spec, int min, int max) {
        BitSet set = new BitSet(max + 1);
        for (String part : spec.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(text, name, part.substring(slash + 1), 1, max);
                range = part.substring(0, slash);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                lo = number(text, name, ends[0], min, max);
                hi = number(text, name, ends[1], min, max);
                if (hi < lo) {
                    throw new IllegalArgumentException("cron '%s': %s range %s runs backwards".formatted(text, name, range));
                }
            } else {
                lo = number(text, name, range, min, max);
                hi = slash >= 0 ? max : lo;
            }
            for (int v = lo; v <= hi; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static final String[] DAY_NAMES = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

    private static int number(String text, String name, String s, int min, int max) {
        if (name.equals("day-of-week")) {
            for (int i = 0; i < DAY_NAMES.length; i++) {
                if (DAY_NAMES[i].equals(s)) {
                    return i;
                }
            }
        }
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException("cron '%s': %s must be within %d-%d, got %d".formatted(text, name, min, max, v));
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cron '%s': %s '%s' is not a number".formatted(text, name, s));
        }
    }

    public boolean matchesDay(LocalDate date) {
        if (!months.get(date.getMonthValue())) {
            return false;
        }
        boolean dom = days.get(date.getDayOfMonth());
        boolean dow = weekdays.get(date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
        if (daysRestricted && weekdaysRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    public boolean matchesTime(LocalTime time) {
        return hours.get(time.getHour()) && minutes.get(time.getMinute());
    }

    /** Every hour:minute this expression fires at, in order. */
    public java.util.List<LocalTime> times() {
        java.util.List<LocalTime> out = new java.util.ArrayList<>();
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
            for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                out.add(LocalTime.of(h, m));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
