package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecurringHeightTest {

    /** Feeds {@code points} quiet points (value 10, score 0) and returns nothing. */
    private static void quiet(RecurringHeight r, int points) {
        for (int i = 0; i < points; i++) {
            r.pass(10 + (i % 3) * 0.1, 0);
        }
    }

    @Test
    void aSpikeOfAHeightReachedInThreeEarlierEpisodesIsDampedTheFirstThreeAreNot() {
        RecurringHeight r = new RecurringHeight(0.5, 0.15, 3, 0.5);
        quiet(r, 300);
        for (int episode = 0; episode < 3; episode++) {
            assertThat(r.pass(50 + episode, 1.0)).as("episode %d", episode).isEqualTo(1.0);
            quiet(r, 137 + 50 * episode); // not periodic: the height is what recurs
        }
        assertThat(r.pass(51, 1.0)).as("fourth spike to the same height").isEqualTo(0.5);
    }

    @Test
    void aHigherSpikeALowScoreAndADifferentDirectionPassUnchanged() {
        RecurringHeight r = new RecurringHeight(0.5, 0.15, 3, 0.5);
        quiet(r, 300);
        for (int episode = 0; episode < 3; episode++) {
            r.pass(50, 1.0);
            quiet(r, 100);
        }
        assertThat(r.pass(90, 1.0)).as("much higher").isEqualTo(1.0);
        quiet(r, 100);
        assertThat(r.pass(50, 0.4)).as("low score").isEqualTo(0.4);
        assertThat(r.pass(-30, 0.9)).as("a drop").isEqualTo(0.9);
    }

    @Test
    void oneLongEpisodeCountsOnce() {
        RecurringHeight r = new RecurringHeight(0.5, 0.15, 3, 0.5);
        quiet(r, 300);
        for (int i = 0; i < 40; i++) {
            r.pass(50, 1.0); // a level shift: every point high, one episode
        }
        quiet(r, 100);
        assertThat(r.pass(50, 1.0)).as("the same level again, one earlier episode").isEqualTo(1.0);
    }

    @Test
    void theAftermathOfARoutineSpikeIsDampedButNotABurstLongerThanTheRoutine() {
        RecurringHeight r = new RecurringHeight(0.5, 0.15, 3, 0.5);
        quiet(r, 300);
        for (int episode = 0; episode < 3; episode++) {
            r.pass(50, 1.0);
            r.pass(10, 0.7); // the point after the spike still surprises a little
            quiet(r, 100);
        }
        assertThat(r.pass(50, 1.0)).as("routine spike").isEqualTo(0.5);
        assertThat(r.pass(10, 0.7)).as("its aftermath").isEqualTo(0.35);
        quiet(r, 100);
        r.pass(50, 1.0);
        r.pass(10, 0.7);
        quiet(r, 4);
        assertThat(r.pass(10, 0.7)).as("surprise in the same burst, later than any routine one ended").isEqualTo(0.7);
    }

    /** Three bursts that fire on their way up (at 30) and peak later (at 90), after a quiet start. */
    private static RecurringHeight afterThreeBurstsFiringOnTheirWayUp() {
        RecurringHeight r = new RecurringHeight(0.5, 0.15, 3, 0.5);
        quiet(r, 300);
        for (int episode = 0; episode < 3; episode++) {
            r.pass(30, 1.0); // fires on the ramp
            r.pass(90, 0.6); // peaks later
            quiet(r, 100);
        }
        return r;
    }

    @Test
    void aBurstThatFiresOnItsWayUpMatchesTheOnsetOfEarlierBursts() {
        RecurringHeight r = afterThreeBurstsFiringOnTheirWayUp();
        assertThat(r.pass(30, 1.0)).as("a fourth burst firing at the usual onset").isEqualTo(0.5);
    }

    @Test
    void aRoutineThatFiresOnItsWayUpMayClimbToItsUsualPeakButNotBeyond() {
        RecurringHeight r = afterThreeBurstsFiringOnTheirWayUp();
        assertThat(r.pass(30, 1.0)).as("the usual onset").isEqualTo(0.5);
        assertThat(r.pass(60, 0.9)).as("the climb towards the usual peak, a height no episode had").isEqualTo(0.45);
        quiet(r, 100);
        r.pass(30, 1.0);
        assertThat(r.pass(130, 0.9)).as("a climb far beyond any routine peak").isEqualTo(0.9);
    }
}
