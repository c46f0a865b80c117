package dev.selfheal.anomaly;

import java.time.ZoneId;

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
 * occurrence of anything is never damped. Days and half hours are local to the series' time zone,
 * so a nightly job keeps its half hour across a change to or from daylight saving time; on the
 * day the clocks change, the half hour a job on another clock (UTC, the server's) moved to counts
 * as well. State: 48
 * days and 48 streaks, and the current episode (below); a series sampled less often than every
 * half hour simply never has neighbours on consecutive days.
 *
 * <p>The echo of a damped point is damped with it: a high score within {@link #ECHO_POINTS} points
 * of the start of an episode (high scores at most {@link #GAP} points apart) whose first high
 * score was damped, and no higher than the episode's highest score so far, is damped at least as
 * much. A nightly job's spike stays in the learned signal's eight-point window (and in the
 * calibrators' short averages) for several points after it. Judged on their own, those later
 * points would fire a few points after the damped spike: once the spike has marked its half hour
 * "high today", the check for "high yesterday" no longer sees yesterday. A rising score or one
 * past the echo is judged on its own: a burst that lasts longer or grows is news.
 */
final class DailyRecurrence {

    private static final int SLOTS = 48;
    private static final int SLOT_SECONDS = 86_400 / SLOTS;

    /** Points after an episode's start during which its damping carries over: the learned signal's window. */
    static final int ECHO_POINTS = SubsequenceNovelty.DIMENSIONS;
    /** High scores at most this many points apart belong to one episode (as in {@link RecurringHeight}). */
    private static final int GAP = 10;

    private final double level;
    private final double onceFactor;
    private final double routineFactor;
    private final int[] highDay = new int[SLOTS];
    private final byte[] streak = new byte[SLOTS];
    private long point;
    private long lastHigh = Long.MIN_VALUE / 2;
    private long episodeStart;
    private double episodeFactor = 1;
    private double episodePeak;

    private final LocalOffset localOffset;

    DailyRecurrence(double level, double onceFactor, double routineFactor, ZoneId zone) {
        this.localOffset = new LocalOffset(zone);
        this.level = level;
        this.onceFactor = onceFactor;
        this.routineFactor = routineFactor;
    }

    /** The score, damped when a high score came at about this time of day yesterday. */
    double pass(long epochSecond, double score) {
        point++;
        if (score < level) {
            return score;
        }
        int offset = localOffset.secondsAt(epochSecond);
        long local = epochSecond + offset; // the offset is looked up for high scores only
        int day = (int) Math.floorDiv(local, 86_400L) + 1; // + 1: day 0 means "never"
        int slot = (int) (Math.floorMod(local, 86_400L) / SLOT_SECONDS);
        int days = streakYesterdayNear(slot, day);
        int offsetYesterday = localOffset.secondsAt(epochSecond - 86_400L);
        if (offsetYesterday != offset) {
            // the clocks changed since yesterday: a job that keeps another clock (UTC, the
            // server's) kept its instant and moved in local time, so look where it was then
            days = Math.max(days, streakYesterdayNear(slot - (offset - offsetYesterday) / SLOT_SECONDS, day));
        }
        if (highDay[slot] != day) {
            highDay[slot] = day;
            streak[slot] = (byte) Math.min(100, days + 1);
        }
        double factor = days == 0 ? 1.0 : days == 1 ? onceFactor : routineFactor;
        if (point - lastHigh > GAP) { // a new episode: its damping is its first high score's
            episodeStart = point;
            episodeFactor = factor;
            episodePeak = score;
        } else if (score <= episodePeak && point - episodeStart <= ECHO_POINTS) { // an echo
            factor = Math.min(factor, episodeFactor);
        } else {
            episodePeak = Math.max(episodePeak, score);
        }
        lastHigh = point;
        return score * factor;
    }

    /**
     * The streak of the half hour {@code slot} of {@code day}'s yesterday, or of a neighbouring
     * one, if it was high then; 0 if none was. {@code slot} may lie outside the day: the slots
     * before midnight belong to the day before, those after to the day after.
     */
    private int streakYesterdayNear(int slot, int day) {
        int days = 0;
        for (int k = -1; k <= 1; k++) {
            int j = Math.floorMod(slot + k, SLOTS);
            int shift = -Math.floorDiv(slot + k, SLOTS);
            if (highDay[j] + shift == day - 1) {
                days = Math.max(days, streak[j]);
            }
        }
        return days;
    }

    static int stateBytes() {
        return 16 + 4 * 8 + 8 + LocalOffset.stateBytes() + 2 * 16 + SLOTS * (4 + 1) + 5 * 8;
    }
}
