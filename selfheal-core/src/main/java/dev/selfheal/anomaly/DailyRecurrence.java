package dev.selfheal.anomaly;

/**
 * Damps an alarm that recurs at the same time of day: a nightly backup, a cron job, a batch
 * import. Such a spike is surprising to every signal that watches the series point by point
 * (the first one is an anomaly, and is reported), but a spike that came yesterday at this hour,
 * and the day before, is the series' routine, not news.
 *
 * <p>For each half hour of the day it remembers the last day a high score (at or above
 * {@code level}) was seen in it and for how many consecutive days that has been so. A high score
 * whose half hour, or a neighbouring one (a job that starts a little later each day), was high
 * yesterday is multiplied by {@code onceFactor}; one that has been high two days running and more
 * by {@code routineFactor}. Nothing else changes: a low score passes as it is, and the first
 * occurrence of anything is never damped. 48 days and 48 streaks of state; a series sampled less
 * often than every half hour simply never has neighbours on consecutive days.
 */
final class DailyRecurrence {

    private static final int SLOTS = 48;
    private static final int SLOT_SECONDS = 86_400 / SLOTS;

    private final double level;
    private final double onceFactor;
    private final double routineFactor;
    private final int[] highDay = new int[SLOTS];
    private final byte[] streak = new byte[SLOTS];

    DailyRecurrence(double level, double onceFactor, double routineFactor) {
        this.level = level;
        this.onceFactor = onceFactor;
        this.routineFactor = routineFactor;
    }

    /** The score, damped when a high score came at about this time of day yesterday. */
    double pass(long epochSecond, double score) {
        if (score < level) {
            return score;
        }
        int day = (int) Math.floorDiv(epochSecond, 86_400L) + 1; // + 1: day 0 means "never"
        int slot = (int) (Math.floorMod(epochSecond, 86_400L) / SLOT_SECONDS);
        int days = 0;
        for (int k = -1; k <= 1; k++) {
            int j = Math.floorMod(slot + k, SLOTS);
            // the neighbour before midnight belongs to the day before, the one after to the day after
            int shift = slot + k < 0 ? 1 : slot + k >= SLOTS ? -1 : 0;
            if (highDay[j] + shift == day - 1) {
                days = Math.max(days, streak[j]);
            }
        }
        if (highDay[slot] != day) {
            highDay[slot] = day;
            streak[slot] = (byte) Math.min(100, days + 1);
        }
        return days == 0 ? score : days == 1 ? score * onceFactor : score * routineFactor;
    }

    static int stateBytes() {
        return 16 + 3 * 8 + 2 * 16 + SLOTS * (4 + 1);
    }
}
