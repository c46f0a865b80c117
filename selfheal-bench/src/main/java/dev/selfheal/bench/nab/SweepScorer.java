package dev.selfheal.bench.nab;

import java.util.Arrays;
import java.util.List;

/**
 * NAB's scoring of detections under one profile: per file at a given threshold, and over a
 * corpus with the single threshold that maximises the summed raw score (NAB's sweep).
 *
 * <p>A row is a detection when its anomaly score is at least the threshold. In each window only
 * the best, which is the earliest, detection counts ({@code tp · worth}); a window without one
 * costs {@code −fn}; every detection outside windows adds {@code fp · worth} (a negative number).
 * The corpus sweep visits rows from the highest anomaly score down, so each distinct score is a
 * candidate threshold and the score at each candidate is updated in O(1): sorting dominates,
 * O(N log N) for N rows.
 */
public final class SweepScorer {

    private final NabProfile profile;

    public SweepScorer(NabProfile profile) {
        this.profile = profile;
    }

    public NabProfile profile() {
        return profile;
    }

    /** Raw NAB score of one file when rows with {@code anomalyScore >= threshold} are detections. */
    public double rawScore(ScorableFile file, double threshold) {
        double[] best = new double[file.windowCount()];
        Arrays.fill(best, Double.NaN);
        double fp = 0;
        for (int k = 0; k < file.scorableRows(); k++) {
            if (file.anomalyScore(k) < threshold) {
                continue;
            }
            int w = file.window(k);
            if (w < 0) {
                fp += profile.fpWeight() * file.worth(k);
            } else {
                double tp = profile.tpWeight() * file.worth(k);
                if (Double.isNaN(best[w]) || tp > best[w]) {
                    best[w] = tp;
                }
            }
        }
        double total = fp;
        for (double b : best) {
            total += Double.isNaN(b) ? -profile.fnWeight() : Math.max(b, -profile.fnWeight());
        }
        return total;
    }

    /** Counts at a threshold: windows with a detection, and detections outside windows. */
    public int[] detectedWindowsAndFalsePositives(ScorableFile file, double threshold) {
        boolean[] hit = new boolean[file.windowCount()];
        int fp = 0;
        for (int k = 0; k < file.scorableRows(); k++) {
            if (file.anomalyScore(k) >= threshold) {
                if (file.window(k) < 0) {
                    fp++;
                } else {
                    hit[file.window(k)] = true;
                }
            }
        }
        int detected = 0;
        for (boolean h : hit) {
            detected += h ? 1 : 0;
        }
        return new int[] {detected, fp};
    }

    /** The best corpus-wide threshold for these files and the raw and normalised score it gives. */
    public CorpusScore optimise(List<ScorableFile> files) {
        int total = 0;
        int windows = 0;
        for (ScorableFile f : files) {
            total += f.scorableRows();
            windows += f.windowCount();
        }
        double[] score = new double[total];
        double[] worth = new double[total];
        int[] window = new int[total];
        int at = 0;
        int windowOffset = 0;
        for (ScorableFile f : files) {
            for (int k = 0; k < f.scorableRows(); k++, at++) {
                score[at] = f.anomalyScore(k);
                worth[at] = f.worth(k);
                window[at] = f.window(k) < 0 ? -1 : f.window(k) + windowOffset;
            }
            windowOffset += f.windowCount();
        }
        int[] order = byDescendingScore(score);

        double[] best = new double[windows];
        Arrays.fill(best, -profile.fnWeight());
        double fpSum = 0;
        double windowSum = -profile.fnWeight() * windows;
        double bestRaw = windowSum;
        double bestThreshold = 1.1; // NAB's first candidate: above every score, nothing detected
        int i = 0;
        while (i < total) {
            double threshold = score[order[i]];
            while (i < total && score[order[i]] == threshold) {
                int r = order[i++];
                if (window[r] < 0) {
                    fpSum += profile.fpWeight() * worth[r];
                } else {
                    double tp = profile.tpWeight() * worth[r];
                    if (tp > best[window[r]]) {
                        windowSum += tp - best[window[r]];
                        best[window[r]] = tp;
                    }
                }
            }
            double raw = fpSum + windowSum;
            if (raw > bestRaw) {
                bestRaw = raw;
                bestThreshold = threshold;
            }
        }
        return CorpusScore.of(profile, bestThreshold, bestRaw, windows);
    }

    /** Score of the corpus at a given threshold (no sweep). */
    public CorpusScore scoreAt(List<ScorableFile> files, double threshold) {
        double raw = 0;
        int windows = 0;
        for (ScorableFile f : files) {
            raw += rawScore(f, threshold);
            windows += f.windowCount();
        }
        return CorpusScore.of(profile, threshold, raw, windows);
    }

    private static int[] byDescendingScore(double[] score) {
        Integer[] boxed = new Integer[score.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(score[b], score[a]));
        int[] order = new int[boxed.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }
}
