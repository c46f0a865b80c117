package dev.selfheal.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnCallScheduleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static OnCallSchedule daily(List<OnCallSchedule.Override> overrides) {
        return new OnCallSchedule("primary", OnCallSchedule.Rotation.DAILY, List.of("alice", "bob", "carol"), LocalTime.of(9, 0),
                null, NEW_YORK, LocalDate.of(2026, 3, 1), overrides);
    }

    @Test
    void a_daily_rotation_hands_over_at_the_local_time() {
        OnCallSchedule s = daily(List.of());
        assertThat(s.onCall(Instant.parse("2026-03-01T14:00:00Z"))).isEqualTo("alice"); // 09:00 EST
        assertThat(s.onCall(Instant.parse("2026-03-02T13:59:59Z"))).isEqualTo("alice");
        assertThat(s.onCall(Instant.parse("2026-03-02T14:00:00Z"))).isEqualTo("bob");
        assertThat(s.onCall(Instant.parse("2026-03-03T14:00:00Z"))).isEqualTo("carol");
        assertThat(s.onCall(Instant.parse("2026-03-04T14:00:00Z"))).isEqualTo("alice");
    }

    @Test
    void the_handoff_stays_at_nine_local_across_the_daylight_saving_change() {
        // Given DST starts in New York on 2026-03-08 (02:00 EST → 03:00 EDT)
        OnCallSchedule s = daily(List.of());
        // Then the handoff on 03-08 is 09:00 EDT = 13:00 UTC, not 14:00 UTC
        assertThat(s.onCall(Instant.parse("2026-03-08T12:59:59Z"))).isEqualTo("alice"); // 08:59:59 EDT: still the 03-07 shift
        assertThat(s.onCall(Instant.parse("2026-03-08T13:00:00Z"))).isEqualTo("bob");
        assertThat(s.nextHandoff(Instant.parse("2026-03-08T06:00:00Z"))).contains(Instant.parse("2026-03-08T13:00:00Z"));
        assertThat(s.nextHandoff(Instant.parse("2026-03-07T15:00:00Z"))).contains(Instant.parse("2026-03-08T13:00:00Z"));
    }

    @Test
    void a_weekly_rotation_hands_over_on_its_day_and_an_override_wins_while_it_lasts() {
        OnCallSchedule s = new OnCallSchedule("weekly", OnCallSchedule.Rotation.WEEKLY, List.of("alice", "bob"), LocalTime.of(10, 0),
                DayOfWeek.MONDAY, ZoneId.of("Europe/London"), LocalDate.of(2026, 3, 2),
                List.of(new OnCallSchedule.Override("dave", Instant.parse("2026-03-11T00:00:00Z"), Instant.parse("2026-03-12T00:00:00Z"))));
        assertThat(s.onCall(Instant.parse("2026-03-02T10:00:00Z"))).isEqualTo("alice");
        assertThat(s.onCall(Instant.parse("2026-03-09T09:59:00Z"))).isEqualTo("alice");
        assertThat(s.onCall(Instant.parse("2026-03-09T10:00:00Z"))).isEqualTo("bob");
        assertThat(s.onCall(Instant.parse("2026-03-11T12:00:00Z"))).isEqualTo("dave");
        assertThat(s.onCall(Instant.parse("2026-03-12T12:00:00Z"))).isEqualTo("bob");
        // London moves to BST on 2026-03-29: the handoff on 03-30 is 10:00 BST = 09:00 UTC
        assertThat(s.onCall(Instant.parse("2026-03-30T08:59:00Z"))).isEqualTo("bob");   // 09:59 BST: the 03-23 shift
        assertThat(s.onCall(Instant.parse("2026-03-30T09:00:00Z"))).isEqualTo("alice"); // 10:00 BST
    }
}
