package dev.selfheal.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.patterns.TemporalPattern.Recurrence;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemporalPatternFinderTest {

    /** A Monday, midnight UTC: 28 days from here is four whole weeks. */
    private static final Instant FROM = ZonedDateTime.of(2026, 11, 2, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
    private static final Instant TO = FROM.plus(Duration.ofDays(28));

    private final TemporalPatternFinder finder = new TemporalPatternFinder();

    /** Twelve components failing at random, about {@code perDay} times a day each. */
    private static List<FailureEvent> noise(Random random, double perDay) {
        List<FailureEvent> out = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            Instant t = FROM;
            while (true) {
                t = t.plusSeconds((long) (-Math.log(1 - random.nextDouble()) * 86_400 / perDay));
                if (!t.isBefore(TO)) {
                    break;
                }
                out.add(new FailureEvent("noise-" + c, "integration_failure", t));
            }
        }
        return out;
    }

    private static List<FailureEvent> daily(String component, int hour, int minute, int days, Random random, double chance) {
        List<FailureEvent> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            if (random.nextDouble() < chance) {
                out.add(new FailureEvent(component, "process_down",
                        FROM.plus(Duration.ofDays(d).plusHours(hour).plusMinutes(minute + random.nextInt(10)))));
            }
        }
        return out;
    }

    @Test
    void a_component_failing_most_nights_at_two_is_found_and_the_noise_is_not() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            List<FailureEvent> events = new ArrayList<>(noise(random, 3));
            events.addAll(daily("backup", 2, 10, 28, random, 0.85));

            List<TemporalPattern> found = finder.find(events, FROM, TO);

            assertThat(found).as("seed %d: %s", seed, found).hasSize(1);
            TemporalPattern p = found.getFirst();
            assertThat(p.component()).isEqualTo("backup");
            assertThat(p.recurrence()).isEqualTo(Recurrence.DAILY);
            assertThat(p.fromHour()).isEqualTo(2);
            assertThat(p.toHour()).isEqualTo(3);
            assertThat(p.trials()).isEqualTo(28);
            assertThat(p.qValue()).isLessThan(0.01);
            assertThat(p.active()).isTrue();
            assertThat(p.describe()).contains("backup fails most days 02:00–03:00 UTC").contains("of the last 10 days");
        }
    }

    @Test
    void three_failures_in_one_hour_on_a_busy_component_are_not_a_pattern() {
        Random random = new Random(7);
        List<FailureEvent> events = new ArrayList<>(noise(random, 6));
        Instant burst = FROM.plus(Duration.ofDays(9).plusHours(14));
        for (int i = 0; i < 3; i++) {
            events.add(new FailureEvent("noise-3", "integration_failure", burst.plusSeconds(600L * i)));
        }

        assertThat(finder.find(events, FROM, TO)).isEmpty();
    }

    @Test
    void a_weekly_failure_is_weekly_not_daily() {
        Random random = new Random(11);
        List<FailureEvent> events = new ArrayList<>(noise(random, 2));
        for (int week = 0; week < 4; week++) {
            // Mondays (FROM is a Monday) at 09:20
            events.add(new FailureEvent("report", "process_down", FROM.plus(Duration.ofDays(7L * week).plusHours(9).plusMinutes(20))));
        }

        List<TemporalPattern> found = finder.find(events, FROM, TO);

        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.component()).isEqualTo("report");
            assertThat(p.recurrence()).isEqualTo(Recurrence.WEEKLY);
            assertThat(p.dayOfWeek()).contains(DayOfWeek.MONDAY);
            assertThat(p.fromHour()).isEqualTo(9);
            assertThat(p.hits()).isEqualTo(4);
            assertThat(p.trials()).isEqualTo(4);
        });
    }

    @Test
    void failures_straddling_the_hour_make_one_window() {
        List<FailureEvent> events = new ArrayList<>();
        for (int d = 0; d < 28; d++) {
            int minute = d % 2 == 0 ? 55 : 65;
            events.add(new FailureEvent("batch", "process_down", FROM.plus(Duration.ofDays(d).plusHours(2).plusMinutes(minute))));
        }

        assertThat(finder.find(events, FROM, TO)).singleElement().satisfies(p -> {
            assertThat(p.fromHour()).isEqualTo(2);
            assertThat(p.toHour()).isEqualTo(4);
            assertThat(p.hits()).isEqualTo(28);
        });
    }

    @Test
    void a_pattern_that_stopped_recurring_is_kept_but_inactive() {
        Random random = new Random(3);
        List<FailureEvent> events = new ArrayList<>(daily("backup", 2, 0, 20, random, 1.0));

        assertThat(finder.find(events, FROM, TO)).singleElement().satisfies(p -> {
            assertThat(p.active()).isFalse();
            assertThat(p.recentHits()).isEqualTo(2);
            assertThat(p.lastSeen()).isBefore(FROM.plus(Duration.ofDays(20)));
        });
    }

    @Test
    void too_short_a_history_finds_nothing() {
        List<FailureEvent> events = daily("backup", 2, 0, 2, new Random(1), 1.0);

        assertThat(finder.find(events, FROM, FROM.plus(Duration.ofDays(2)))).isEmpty();
    }

    @Test
    void a_weekly_failure_of_a_component_that_often_fails_at_that_hour_anyway_is_weekly_not_daily() {
        Random random = new Random(13);
        Instant to = FROM.plus(Duration.ofDays(56));
        List<FailureEvent> events = new ArrayList<>();
        for (int week = 0; week < 8; week++) {
            events.add(new FailureEvent("report", "process_down", FROM.plus(Duration.ofDays(7L * week).plusHours(20).plusMinutes(20))));
        }
        // report also fails about three times a day as a symptom of others, at any hour: with the
        // Mondays, its failures at 20:00 on other days make the daily 20:00 slot significant
        for (int i = 0; i < 3 * 56; i++) {
            events.add(new FailureEvent("report", "integration_failure", FROM.plusSeconds((long) (random.nextDouble() * 56 * 86_400))));
        }
        for (int day : new int[] {1, 9, 17, 25, 33, 41}) { // and at 20:00 once on each other weekday
            events.add(new FailureEvent("report", "integration_failure", FROM.plus(Duration.ofDays(day).plusHours(20).plusMinutes(40))));
        }

        List<TemporalPattern> found = finder.find(events, FROM, to);

        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.recurrence()).isEqualTo(Recurrence.WEEKLY);
            assertThat(p.dayOfWeek()).contains(DayOfWeek.MONDAY);
            assertThat(p.fromHour()).isEqualTo(20);
        });
    }
}
