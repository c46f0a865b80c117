package dev.selfheal.anomaly;

/**
 * Damps an alarm whose height the series has reached in several recent, separate episodes: a
 * batch job that writes the same few hundred megabytes, an autoscaler that lifts CPU to the
 * same level, a health check that always reads 20. {@link DailyRecurrence} knows a routine
 * only when it comes at the same time of day; routines on other schedules (every few hours, on
 * demand) are the commonest false alarms left, and what they share is their height.
 *
 * <p>It keeps the heights of the last {@code EPISODES} (8) high-score episodes (scores at or above
 * {@code level}; an episode ends {@code GAP} points after its last high score; it has two
 * heights: its first high value, where it set off the alarm, and its value furthest from the
 * series' slow level, its peak). A high score whose value lies within {@code tolerance} of its
 * own excursion from the slow level of either height of at least {@code routineEpisodes}
 * remembered episodes is multiplied by {@code routineFactor}: a height reached in three of the
 * last eight episodes is the series' routine. Both heights count because a routine burst
 * (an autoscaler's ramp, a job's write) often fires on its way up, below its peak. The first
 * and second recurrences are never damped (a fault that comes back once is still news), a spike higher or
 * lower than the routine ones passes unchanged, and as new episodes replace old ones a routine
 * that stopped is forgotten. O(EPISODES) per high score, one level update on other points.
 *
 * <p>Once an episode has matched the routine, its later high scores (the surprise of the
 * points just after a spike: the learned signal sees a stretch with a spike in it, the
 * calibrators' short averages are still raised) are damped too, as long as they are not
 * beyond the routine height and the episode has not lasted longer than the longest matching
 * episode did, plus {@code SLACK} points. A routine spike's aftermath is routine; a burst at the
 * routine height that goes on for longer than the routine (a job that runs twice, spikes that
 * come closer together) is not, and is reported.
 *
 * <p>"No higher" means no higher than the episode so far or than the highest peak of the episodes
 * it matched, whichever is higher: a routine that set off the alarm on its way up (its onset
 * matched) climbs on to the routine's usual peak, and that climb is routine too. Without it the
 * point after a damped routine onset would fire as it rose towards the usual peak (an
 * autoscaler's onset at 72 % then its usual 100 %, a batch write's 20 MB onset then 46 MB on the
 * way to its usual 147 MB). Beyond the routine's highest peak it is news (a record write of
 * 864 MB against a routine 768 MB).
 *
 * <p>Why three of eight, and not the first recurrence as {@link DailyRecurrence} damps: a real
 * fault that comes back once or twice is still news, whereas a height reached three times in the
 * last eight episodes is a routine.
 */
final class RecurringHeight {

    static final int EPISODES = 8;
    private static final int GAP = 10;
    /** Points an episode may outlast the longest matching routine episode and still be routine. */
    private static final int SLACK = 3;

    private final double level;
    private final double tolerance;
    private final int routineEpisodes;
    private final double routineFactor;
    private final EwmaLevel slow = new EwmaLevel(0.005);
    private final double[] heights = new double[EPISODES];
    private final long[] durations = new long[EPISODES];
    private final double[] firsts = new double[EPISODES];
    private int stored;
    private int next;
    private long point;
    private long lastHigh = Long.MIN_VALUE / 2;
    private double episodeHeight;
    private double episodeFirst;
    private boolean inEpisode;
    private boolean episodeRoutine;
    private long episodeStart;
    private long routineLength;
    /** The highest peak (excursion from the slow level) among the episodes the routine matched. */
    private double routinePeak;

    RecurringHeight(double level, double tolerance, int routineEpisodes, double routineFactor) {
        this.level = level;
        this.tolerance = tolerance;
        this.routineEpisodes = routineEpisodes;
        this.routineFactor = routineFactor;
    }

    /** The score, damped when earlier episodes reached this value; learns the value. */
    double pass(double value, double score) {
        point++;
        double base = slow.mean();
        slow.learn(value);
        if (inEpisode && point - lastHigh > GAP) {
            close();
        }
        if (score < level) {
            return score;
        }
        double excursion = Math.abs(value - base);
        int matches = 0;
        long longest = 0;
        double peak = 0;
        for (int i = 0; i < stored; i++) { // the current episode is not among them until it closes
            double h = heights[i];
            double f = firsts[i];
            if (Math.abs(value - h) <= tolerance * Math.max(excursion, Math.abs(h - base))
                    || Math.abs(value - f) <= tolerance * Math.max(excursion, Math.abs(f - base))) {
                matches++;
                longest = Math.max(longest, durations[i]);
                peak = Math.max(peak, Math.abs(h - base));
            }
        }
        if (!inEpisode) { // a new episode
            inEpisode = true;
            episodeStart = point;
            episodeHeight = value;
            episodeFirst = value;
            episodeRoutine = false;
            routinePeak = 0;
        }
        boolean routine = matches >= routineEpisodes;
        if (routine) {
            // the longest of the episodes this point matched (a later point matching shorter ones
            // shortens the allowance), unlike the peak, which is the highest of all this episode matched
            routineLength = longest;
            routinePeak = Math.max(routinePeak, peak);
        } else if (episodeRoutine) { // the aftermath or the climb of a routine, if no longer or higher than the routine
            routine = point - episodeStart <= routineLength + SLACK
                    && excursion <= Math.max((1 + tolerance) * Math.abs(episodeHeight - base), routinePeak);
        }
        if (excursion > Math.abs(episodeHeight - base)) {
            episodeHeight = value;
        }
        episodeRoutine |= routine;
        lastHigh = point;
        return routine ? score * routineFactor : score;
    }

    private void close() {
        heights[next] = episodeHeight;
        durations[next] = lastHigh - episodeStart;
        firsts[next] = episodeFirst;
        next = (next + 1) % EPISODES;
        stored = Math.min(EPISODES, stored + 1);
        inEpisode = false;
    }

    static int stateBytes() {
        return 16 + 4 * 8 + 8 + EwmaLevel.stateBytes() + 3 * (16 + 8 * EPISODES) + 8 * 8 + 8 + 4 + 2;
    }
}
