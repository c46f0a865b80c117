package dev.selfheal.patterns;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The two statistical tools every pattern finder shares: the binomial upper tail (how likely is
 * a count this high by chance) and the Benjamini-Hochberg step-up procedure (which of many such
 * tests can be reported while keeping the expected share of false findings at most {@code q}).
 */
final class Significance {

    private Significance() { }

    /**
     * P(X ≥ k) for X ~ Binomial(n, p), summed in log space so that small probabilities do not
     * underflow to zero too early. Exact for the sizes pattern analysis sees (n up to a few
     * thousand trials).
     */
    static double binomialUpperTail(long n, long k, double p) {
        if (n < 0 || k < 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("binomial tail needs n >= 0, k >= 0, 0 <= p <= 1: n=%d k=%d p=%s".formatted(n, k, p));
        }
        if (k == 0) {
            return 1.0;
        }
        if (k > n) {
            return 0.0;
        }
        if (p == 0) {
            return 0.0;
        }
        if (p == 1) {
            return 1.0;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        // log of the first term, then each next term by the ratio (n-i)/(i+1) * p/q
        double logTerm = logChoose(n, k) + k * logP + (n - k) * logQ;
        double max = logTerm;
        double sum = 1.0;
        double log = logTerm;
        for (long i = k; i < n; i++) {
            log += Math.log((double) (n - i) / (i + 1)) + logP - logQ;
            double rel = Math.exp(log - max);
            sum += rel;
            if (rel < 1e-17 * sum && i > n * p) {
                break;
            }
        }
        return Math.min(1.0, Math.exp(max + Math.log(sum)));
    }

    static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static double logFactorial(long n) {
        if (n < 2) {
            return 0;
        }
        if (n < 64) {
            double s = 0;
            for (int i = 2; i <= n; i++) {
                s += Math.log(i);
            }
            return s;
        }
        // Stirling's series: error below 1e-10 for n >= 64
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    /**
     * Benjamini-Hochberg adjusted p-values (q-values): a test is reported at false-discovery
     * rate {@code q} when its q-value is at most {@code q}. The adjustment is over every test
     * made, reported or not, which is why finders pass all their candidates here.
     */
    static double[] benjaminiHochberg(double[] pValues) {
        return benjaminiHochberg(pValues, pValues.length);
    }

    /**
     * As above when only some of {@code tests} tests are listed: the others (pairs never seen
     * together, slots never hit) have p = 1 and still count in the adjustment.
     */
    static double[] benjaminiHochberg(double[] pValues, long tests) {
        if (tests < pValues.length) {
            throw new IllegalArgumentException("tests (%d) must count every listed p-value (%d)".formatted(tests, pValues.length));
        }
        long m = tests;
        double[] q = new double[pValues.length];
        if (pValues.length == 0) {
            return q;
        }
        Integer[] order = IntStream.range(0, pValues.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double running = 1.0;
        for (int rank = pValues.length; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, pValues[i] * m / rank);
            q[i] = running;
        }
        return q;
    }
}
