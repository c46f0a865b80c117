package dev.selfheal.prediction;

import java.util.Arrays;

/** The few robust statistics the forecasters share. */
final class Stats {

    /** 1.4826 × MAD estimates a normal standard deviation while ignoring outliers. */
    static final double MAD_TO_SIGMA = 1.4826;

    private Stats() {
    }

    /** The median, by selection on a copy (linear time: the forecasters take many medians every cycle). */
    static double median(double[] values) {
        return quantile(values.clone(), 0.5);
    }

    /**
     * The {@code q} quantile with the same interpolation as {@link #quantileOfSorted}, found by
     * selection; {@code scratch} is reordered.
     */
    static double quantile(double[] scratch, double q) {
        int n = scratch.length;
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        double low = select(scratch, lo);
        if (hi == lo || pos == lo) {
            return low;
        }
        // after selecting lo, everything above index lo is at least as large: the next order statistic is their minimum
        double high = Double.POSITIVE_INFINITY;
        for (int i = lo + 1; i < n; i++) {
            high = Math.min(high, scratch[i]);
        }
        return low + (high - low) * (pos - lo);
    }

    /** The {@code k}-th smallest value (0-based) by Hoare's selection; reorders {@code a} around it. */
    static double select(double[] a, int k) {
        int left = 0;
        int right = a.length - 1;
        while (right > left) {
            double pivot = medianOfThree(a[left], a[left + (right - left) / 2], a[right]);
            int i = left;
            int j = right;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    static double quantileOfSorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** A robust standard deviation of {@code residuals} around zero-median. */
    static double robustSigma(double[] residuals) {
        if (residuals.length == 0) {
            return 0;
        }
        double med = median(residuals);
        double[] dev = new double[residuals.length];
        for (int i = 0; i < residuals.length; i++) {
            dev[i] = Math.abs(residuals[i] - med);
        }
        return MAD_TO_SIGMA * quantile(dev, 0.5);
    }

    /** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error under 1e-7). */
    static double normalCdf(double z) {
        if (Double.isNaN(z)) {
            return 0;
        }
        if (z == Double.POSITIVE_INFINITY) {
            return 1;
        }
        if (z == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
