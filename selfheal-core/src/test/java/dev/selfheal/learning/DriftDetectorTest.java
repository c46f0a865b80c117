package dev.selfheal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The change detector tests a run of outcomes against the record as it stood before the run. */
class DriftDetectorTest {

    /** Feeds {@code outcomes} (S or F) after a record of {@code s} verified and {@code f} not; the outcome that raised the alarm, 1-based, or 0. */
    private static int alarmAt(double s, double f, String outcomes) {
        DriftDetector d = new DriftDetector();
        for (int i = 0; i < outcomes.length(); i++) {
            boolean verified = outcomes.charAt(i) == 'S';
            if (d.observe(verified, s, f)) {
                return i + 1;
            }
            if (verified) {
                s++;
            } else {
                f++;
            }
        }
        return 0;
    }

    @Test
    void a_rate_that_fell_from_84_to_about_30_percent_is_held_to_the_record_before_the_fall() {
        // Given an action verified 31 times in 37; When it then works 5 times in 15, failures mixed with successes
        // Then the alarm comes on the 15th (against a rate re-estimated from the failures under test, not in these 16 at all)
        assertThat(alarmAt(31, 6, "SFSSFFSFSFFSFFFF")).isEqualTo(15);
    }

    @Test
    void the_held_rate_is_let_go_when_the_run_ends() {
        // a run that ends (the sum back at zero) does not carry its reference into the next one
        DriftDetector d = new DriftDetector();
        assertThat(d.observe(false, 90, 10)).isFalse();
        assertThat(d.observe(true, 90, 11)).isFalse();
        assertThat(d.observe(true, 91, 11)).isFalse();
        assertThat(d.runFailures()).isEqualTo(1);
        assertThat(d.observe(true, 92, 11)).isFalse();
        assertThat(d.runFailures()).as("the run ended").isZero();
        // five failures running against a 90% record: the drop to half is a thousand times likelier (four are not yet)
        assertThat(alarmAt(90, 10, "FFFFF")).isEqualTo(5);
        assertThat(alarmAt(90, 10, "FFFFSSFSSS")).isZero();
        // against a 95% record, four are
        assertThat(alarmAt(95, 5, "FFFF")).isEqualTo(4);
    }
}
