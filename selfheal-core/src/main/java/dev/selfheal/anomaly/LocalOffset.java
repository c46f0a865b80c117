package dev.selfheal.anomaly;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * A time zone's offset from UTC at an instant, for the detectors that count days and half hours
 * in local time ({@link SeasonalProfile}, {@link DailyRecurrence}). A zone whose offset never
 * changes (UTC, +02:00) needs no lookup at all; others ask the zone's rules.
 */
final class LocalOffset {

    private final ZoneRules rules;
    private final boolean fixed;
    private final int fixedSeconds;

    LocalOffset(ZoneId zone) {
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedSeconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
    }

    /** Seconds to add to {@code epochSecond} for the local time there. */
    int secondsAt(long epochSecond) {
        return fixed ? fixedSeconds : rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }

    static int stateBytes() {
        return 16 + 8 + 1 + 4;
    }
}
