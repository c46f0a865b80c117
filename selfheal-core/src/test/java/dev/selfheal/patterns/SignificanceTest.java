package dev.selfheal.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SignificanceTest {

    @Test
    void binomial_upper_tail_matches_exact_sums() {
        assertThat(Significance.binomialUpperTail(10, 3, 0.5)).isCloseTo(968.0 / 1024, within(1e-12));
        assertThat(Significance.binomialUpperTail(20, 20, 0.5)).isCloseTo(Math.pow(0.5, 20), within(1e-18));
        assertThat(Significance.binomialUpperTail(5, 0, 0.1)).isEqualTo(1.0);
        assertThat(Significance.binomialUpperTail(5, 6, 0.1)).isEqualTo(0.0);
        // P(X >= 1) = 1 - 0.99^100
        assertThat(Significance.binomialUpperTail(100, 1, 0.01)).isCloseTo(1 - Math.pow(0.99, 100), within(1e-12));
    }

    @Test
    void binomial_upper_tail_of_large_trials_stays_exact_enough() {
        // n = 1000, p = 0.3: mean 300; P(X >= 300) is a little under one half
        double tail = Significance.binomialUpperTail(1000, 300, 0.3);
        assertThat(tail).isBetween(0.48, 0.53);
        assertThat(Significance.binomialUpperTail(1000, 400, 0.3)).isLessThan(1e-10).isGreaterThan(0);
    }

    @Test
    void benjamini_hochberg_adjusts_as_the_step_up_procedure() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        double[] q = Significance.benjaminiHochberg(p);
        // sorted 0.005, 0.01, 0.03, 0.04 → ×4/1, ×4/2, ×4/3, ×4/4 = 0.02, 0.02, 0.04, 0.04
        assertThat(q).containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
    }

    @Test
    void benjamini_hochberg_counts_tests_that_are_not_listed() {
        double[] q = Significance.benjaminiHochberg(new double[] {0.001}, 100);
        assertThat(q[0]).isCloseTo(0.1, within(1e-12));
        assertThatThrownBy(() -> Significance.benjaminiHochberg(new double[] {0.1, 0.2}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tests (1)");
    }
}
