package dev.selfheal.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static MaintenanceWindow window(String cron, Duration length) {
        return new MaintenanceWindow("w", CronExpression.parse(cron), length, BERLIN, List.of());
    }

    @Test
    void a_weekly_window_keeps_its_local_start_across_the_spring_daylight_saving_change() {
        // Given Sundays 01:00-05:00 Berlin; on 2026-03-29 clocks jump from 02:00 to 03:00
        MaintenanceWindow w = window("0 1 * * sun", Duration.ofHours(4));
        // Then the week before it runs 00:00-04:00 UTC (CET, +1)
        assertThat(w.isActive(Instant.parse("2026-03-22T00:00:00Z"))).isTrue();
        assertThat(w.isActive(Instant.parse("2026-03-22T03:59:59Z"))).isTrue();
        assertThat(w.isActive(Instant.parse("2026-03-22T04:00:00Z"))).isFalse();
        // And on the change day it starts 01:00 CET = 00:00 UTC and lasts four real hours
        assertThat(w.activeStart(Instant.parse("2026-03-29T02:00:00Z"))).contains(Instant.parse("2026-03-29T00:00:00Z"));
        assertThat(w.isActive(Instant.parse("2026-03-29T04:00:00Z"))).isFalse();
        // And the week after it starts at 01:00 CEST = 23:00 UTC the day before
        assertThat(w.isActive(Instant.parse("2026-04-04T22:59:59Z"))).isFalse();
        assertThat(w.isActive(Instant.parse("2026-04-04T23:00:00Z"))).isTrue();
    }

    @Test
    void a_start_in_the_skipped_hour_begins_when_the_clocks_resume() {
        MaintenanceWindow w = window("30 2 * * *", Duration.ofMinutes(30));
        // 02:30 does not exist on 2026-03-29 in Berlin: java.time moves it to 03:30 CEST = 01:30 UTC
        assertThat(w.activeStart(Instant.parse("2026-03-29T01:45:00Z"))).contains(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(w.isActive(Instant.parse("2026-03-29T01:15:00Z"))).isFalse();
    }

    @Test
    void a_start_in_the_repeated_autumn_hour_begins_at_its_first_occurrence() {
        // On 2026-10-25 Berlin goes from 03:00 CEST back to 02:00 CET; 02:30 happens twice
        MaintenanceWindow w = window("30 2 * * *", Duration.ofMinutes(20));
        assertThat(w.activeStart(Instant.parse("2026-10-25T00:40:00Z"))).contains(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(w.isActive(Instant.parse("2026-10-25T01:40:00Z"))).isFalse();
    }

    @Test
    void a_window_that_started_yesterday_is_still_active_today() {
        MaintenanceWindow w = window("0 22 * * fri", Duration.ofHours(10));
        assertThat(w.isActive(Instant.parse("2026-03-07T06:00:00Z"))).isTrue(); // Sat 07:00 CET
        assertThat(w.isActive(Instant.parse("2026-03-07T07:00:00Z"))).isFalse();
    }

    @Test
    void bad_cron_expressions_are_refused_with_the_field_named() {
        assertThatThrownBy(() -> CronExpression.parse("0 25 * * *")).hasMessageContaining("hour must be within 0-23, got 25");
        assertThatThrownBy(() -> CronExpression.parse("0 2 * *")).hasMessageContaining("must have 5 fields");
        assertThatThrownBy(() -> CronExpression.parse("x 2 * * *")).hasMessageContaining("minute 'x' is not a number");
        assertThat(CronExpression.parse("*/15 9-17 * * mon-fri").times()).hasSize(36);
    }
}
