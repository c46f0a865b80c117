package dev.selfheal.bench.nab;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One data file prepared for NAB's sweep scoring: every row after the probationary period with
 * its anomaly score, the window it lies in (or none), and its unweighted worth as a detection.
 *
 * <p>This is the per-row half of NAB's {@code Sweeper.calcSweepScore}, kept independent of the
 * profile so one preparation serves all three profiles. A row inside a window is worth
 * {@code σ(−(R − i + 1)/W) / σ(−1)} (times tp); a row outside is worth
 * {@code σ(|i − R_prev| / (W_prev − 1))} (times fp; −1 before the first window), where
 * {@code σ(x) = 2/(1 + e^{5x}) − 1}, and −1 for x > 3. Windows are located by timestamp
 * exactly as NAB does: a window opens at the row whose timestamp equals its start and
 * closes after the row whose timestamp equals its end.
 */
public final class ScorableFile {

    static final double MAX_TP = scaledSigmoid(-1.0);

    private final String name;
    private final int rows;
    private final int probationLength;
    private final double[] anomalyScores;
    private final double[] worth;
    private final int[] window;
    private final int windowCount;

    private ScorableFile(String name, int rows, int probationLength, double[] anomalyScores, double[] worth,
                         int[] window, int windowCount) {
        this.name = name;
        this.rows = rows;
        this.probationLength = probationLength;
        this.anomalyScores = anomalyScores;
        this.worth = worth;
        this.window = window;
        this.windowCount = windowCount;
    }

    /** NAB's probationary length: {@code min(floor(0.15 n), 0.15 · 5000)}. */
    public static int probationLength(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    /** NAB's scaled sigmoid of a relative position: 1 at the far left of a window, 0 at its right edge. */
    static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    public static ScorableFile of(String name, List<LocalDateTime> timestamps, double[] anomalyScores,
                                  List<LabelledWindow> windows) {
        int n = timestamps.size();
        if (anomalyScores.length != n) {
            throw new IllegalArgumentException(name + ": " + n + " timestamps but " + anomalyScores.length + " scores");
        }
        Map<LocalDateTime, Integer> indexOf = new HashMap<>(n * 2);
        for (int i = n - 1; i >= 0; i--) {
            indexOf.put(timestamps.get(i), i); // first occurrence wins, like list.index()
        }
        int probation = probationLength(n);
        int scorable = n - probation;
        double[] scores = new double[scorable];
        double[] worth = new double[scorable];
        int[] win = new int[scorable];
        boolean[] windowSeen = new boolean[windows.size()];

        int next = 0;
        int current = -1;
        int curRight = -1;
        double curWidth = 0;
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < n; i++) {
            LocalDateTime t = timestamps.get(i);
            if (next < windows.size() && t.equals(windows.get(next).start())) {
                current = next++;
                curRight = requireIndex(indexOf, windows.get(current).end(), name);
                curWidth = curRight - requireIndex(indexOf, windows.get(current).start(), name) + 1;
            }
            double w;
            if (current >= 0) {
                w = scaledSigmoid(-(curRight - i + 1) / curWidth) / MAX_TP;
            } else if (prevRight < 0) {
                w = -1.0;
            } else {
                w = scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
            }
            if (i >= probation) {
                int k = i - probation;
                scores[k] = anomalyScores[i];
                worth[k] = w;
                win[k] = current;
                if (current >= 0) {
                    windowSeen[current] = true;
                }
            }
            if (current >= 0 && t.equals(windows.get(current).end())) {
                prevRight = i;
                prevWidth = curWidth;
                current = -1;
            }
        }
        if (next < windows.size()) {
            throw new IllegalArgumentException(name + ": window starting " + windows.get(next).start()
                    + " does not start at a row timestamp (or windows are out of order)");
        }
        // NAB names windows that have at least one scorable row; the others never count.
        int[] renumber = new int[windows.size()];
        int counted = 0;
        for (int w = 0; w < windows.size(); w++) {
            renumber[w] = windowSeen[w] ? counted++ : -1;
        }
        for (int k = 0; k < scorable; k++) {
            if (win[k] >= 0) {
                win[k] = renumber[win[k]];
            }
        }
        return new ScorableFile(name, n, probation, scores, worth, win, counted);
    }

    private static int requireIndex(Map<LocalDateTime, Integer> indexOf, LocalDateTime t, String name) {
        Integer i = indexOf.get(t);
        if (i == null) {
            throw new IllegalArgumentException(name + ": window limit " + t + " is not a row timestamp");
        }
        return i;
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int probationLength() {
        return probationLength;
    }

    /** Rows after the probationary period. */
    public int scorableRows() {
        return anomalyScores.length;
    }

    /** Windows with at least one row after the probationary period: the ones that are scored. */
    public int windowCount() {
        return windowCount;
    }

    double anomalyScore(int k) {
        return anomalyScores[k];
    }

    /** Unweighted worth of a detection at scorable row k: a TP fraction inside a window, an FP factor outside. */
    double worth(int k) {
        return worth[k];
    }

    /** Window of scorable row k, numbered from 0 within this file, or −1 outside every window. */
    int window(int k) {
        return window[k];
    }
}
