package dev.selfheal.patterns;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A copy of {@link PrecedenceLearner}'s counts: failure episodes per component, and for each
 * ordered pair seen together how many of the first's episodes the second followed within the lag.
 *
 * @param episodes   failure episodes per component
 * @param follows    ordered pairs seen together, with their counts
 * @param span       time from the first episode to the last
 * @param lag        the window a follower must start within
 * @param events     failure events observed (episodes and repeats)
 * @param dropped    events of components beyond the learner's bound
 * @param outOfOrder events older than their component's last start, ignored
 * @param history    each component's last closed episodes (at most {@link PrecedenceLearner#EPISODES_KEPT}), oldest first
 * @param index      the number standing for each component in {@link Episode}
 */
public record PrecedenceCounts(Map<String, Long> episodes, List<Follow> follows, Duration span, Duration lag,
                               long events, long dropped, long outOfOrder, Map<String, List<Episode>> history,
                               Map<String, Integer> index) {

    /**
     * One closed failure episode: the components (by {@code index}) whose episodes started within
     * the lag before it, and after it; sorted, compact, immutable.
     */
    public static final class Episode {
        private final int[] before;
        private final int[] after;

        private Episode(int[] before, int[] after) {
            this.before = before;
            this.after = after;
        }

        static Episode of(int[] before, int[] after) {
            int[] b = before.clone();
            int[] a = after.clone();
            java.util.Arrays.sort(b);
            java.util.Arrays.sort(a);
            return new Episode(b, a);
        }

        public boolean preceded(int component) {
            return java.util.Arrays.binarySearch(before, component) >= 0;
        }

        public boolean followed(int component) {
            return java.util.Arrays.binarySearch(after, component) >= 0;
        }
    }

    public PrecedenceCounts(Map<String, Long> episodes, List<Follow> follows, Duration span, Duration lag,
                            long events, long dropped, long outOfOrder) {
        this(episodes, follows, span, lag, events, dropped, outOfOrder, Map.of(), Map.of());
    }

    /**
     * {@code to}'s failures started within the lag after {@code count} of {@code from}'s
     * episodes; {@code lagSum} and {@code lagSquares} are the sums of those lags (seconds) and of
     * their squares.
     */
    public record Follow(String from, String to, long count, double lagSum, double lagSquares) {

        /** Variance of the lag in seconds²: how tightly {@code from} predicts {@code to}'s start. */
        public double lagVariance() {
            if (count < 2) {
                return Double.POSITIVE_INFINITY;
            }
            double mean = lagSum / count;
            return Math.max(0, lagSquares / count - mean * mean);
        }
    }

    public PrecedenceCounts {
        episodes = Map.copyOf(episodes);
        follows = List.copyOf(follows);
        history = Map.copyOf(history);
        index = Map.copyOf(index);
    }
}
