package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DailyRecurrenceTest {

    private static final long DAY = 86_400;
    private static final long THREE_AM = 3 * 3600;

    @Test
    void aHighScoreAtTheSameTimeEachDayIsDampedFromTheSecondDayAndMoreFromTheThird() {
        DailyRecurrence r = new DailyRecurrence(0.5, 0.8, 0.5, ZoneOffset.UTC);

        assertThat(r.pass(10 * DAY + THREE_AM, 1.0)).as("first day").isEqualTo(1.0);
        assertThat(r.pass(11 * DAY + THREE_AM + 1200, 1.0)).as("second day, 20 minutes later").isEqualTo(0.8);
        assertThat(r.pass(12 * DAY + THREE_AM + 2400, 1.0)).as("third day, 40 minutes later").isEqualTo(0.5);
    }

    @Test
    void lowScoresAndHighScoresAtOtherTimesOrAfterADayOffPassUnchanged() {
        DailyRecurrence r = new DailyRecurrence(0.5, 0.8, 0.5, ZoneOffset.UTC);
        r.pass(10 * DAY + THREE_AM, 1.0);

        assertThat(r.pass(11 * DAY + THREE_AM, 0.4)).as("low").isEqualTo(0.4);
        assertThat(r.pass(11 * DAY + 15 * 3600, 0.9)).as("another hour").isEqualTo(0.9);
        assertThat(r.pass(13 * DAY + THREE_AM, 0.9)).as("two days later, not yesterday").isEqualTo(0.9);
    }

    @Test
    void neighboursAcrossMidnightCount() {
        DailyRecurrence r = new DailyRecurrence(0.5, 0.8, 0.5, ZoneOffset.UTC);
        r.pass(10 * DAY + DAY - 600, 1.0); // 23:50

        assertThat(r.pass(12 * DAY + 600, 1.0)).as("00:10 the next night").isEqualTo(0.8);
    }

    @Test
    void theEchoOfADampedSpikeIsDampedWithItButNotAGrowingBurstOrALaterOne() {
        DailyRecurrence r = new DailyRecurrence(0.5, 0.8, 0.5, ZoneOffset.UTC);
        long fiveMinutes = 300;
        r.pass(10 * DAY + THREE_AM, 1.0);
        for (int i = 1; i <= 20; i++) { // a quiet stretch after the first night's spike
            r.pass(10 * DAY + THREE_AM + i * fiveMinutes, 0.1);
        }
        long t = 11 * DAY + THREE_AM;
        assertThat(r.pass(t, 0.9)).as("the routine spike, second day").isCloseTo(0.72, org.assertj.core.api.Assertions.within(1e-9));
        r.pass(t + fiveMinutes, 0.2);

        // the learned signal still sees the spike two points on (here in the next half hour, never high before)
        assertThat(r.pass(t + 2 * fiveMinutes + 1800, 0.8)).as("its echo, no higher").isCloseTo(0.64,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.pass(t + 3 * fiveMinutes + 1800, 0.95)).as("higher than the spike: judged on its own").isEqualTo(0.95);
        for (int i = 4; i <= DailyRecurrence.ECHO_POINTS; i++) {
            r.pass(t + i * fiveMinutes + 1800, 0.1);
        }
        assertThat(r.pass(t + (DailyRecurrence.ECHO_POINTS + 1) * fiveMinutes + 1800, 0.7))
                .as("past the echo: judged on its own").isEqualTo(0.7);
    }

    @Test
    void aNightlyJobKeepsItsHalfHourAcrossTheChangeToDaylightSavingTime() {
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles"); // clocks go forward on 2024-03-10 at 02:00
        DailyRecurrence local = new DailyRecurrence(0.5, 0.8, 0.5, losAngeles);
        DailyRecurrence utc = new DailyRecurrence(0.5, 0.8, 0.5, ZoneOffset.UTC);
        double[] inLocalDays = new double[3];
        double[] inUtcDays = new double[3];
        for (int d = 8; d <= 10; d++) { // a job at 04:10 local time: 12:10 UTC, then 11:10 UTC from the 10th
            long at = LocalDateTime.of(2024, 3, d, 4, 10).atZone(losAngeles).toEpochSecond();
            inLocalDays[d - 8] = local.pass(at, 1.0);
            inUtcDays[d - 8] = utc.pass(at, 1.0);
            for (int i = 1; i <= 20; i++) { // a quiet stretch after each night's spike
                local.pass(at + 300L * i, 0.1);
                utc.pass(at + 300L * i, 0.1);
            }
        }

        assertThat(inLocalDays).as("days counted in Los Angeles").containsExactly(1.0, 0.8, 0.5);
        assertThat(inUtcDays).as("days counted in UTC: the job moved an hour on the 10th").containsExactly(1.0, 0.8, 1.0);
    }

    @Test
    void aJobOnUtcKeepsItsDampingWhenTheLocalClocksChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin"); // clocks go forward on 2024-03-31 at 01:00 UTC
        DailyRecurrence r = new DailyRecurrence(0.5, 0.8, 0.5, berlin);
        double[] scores = new double[5];
        for (int d = 0; d < 5; d++) { // 03:10 UTC every day: 04:10 in Berlin, then 05:10 from the 31st
            long at = LocalDateTime.of(2024, 3, 29, 3, 10).plusDays(d).toEpochSecond(ZoneOffset.UTC);
            scores[d] = r.pass(at, 1.0);
            for (int i = 1; i <= 20; i++) {
                r.pass(at + 300L * i, 0.1);
            }
        }

        assertThat(scores).containsExactly(1.0, 0.8, 0.5, 0.5, 0.5);
    }
}
