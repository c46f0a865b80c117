package dev.selfheal.anomaly;

/**
 * The upper tail of the standard normal distribution, in log space so that a z of 40 does not
 * underflow to 0. Uses the Chebyshev fit of erfc from Numerical Recipes (fractional error below
 * 1.2e-7 everywhere), whose form {@code t·exp(−x² + poly(t))} gives the logarithm directly.
 */
final class GaussianTail {

    private static final double LN10 = Math.log(10);

    private GaussianTail() {
    }

    /** log10 of P(Z > z) for a standard normal Z. */
    static double log10UpperTail(double z) {
        double x = z / Math.sqrt(2);
        double ax = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * ax);
        double poly = -ax * ax - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        double lnErfc = Math.log(t) + poly;
        if (x >= 0) {
            return (lnErfc - Math.log(2)) / LN10;
        }
        double erfc = 2.0 - Math.exp(lnErfc);
        return Math.log(erfc / 2.0) / LN10;
    }
}
