package dev.selfheal.alerting.rules;

import dev.selfheal.alerting.Matcher;
import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A recurring maintenance window: starts whenever {@code schedule} fires in {@code zone} and
 * lasts {@code duration} of real time; alerts matching {@code matchers} are held inside it.
 *
 * <p>Starts are computed on local dates and times, so "every Sunday 02:00 Europe/Berlin"
 * stays 02:00 local across a daylight-saving change. A start that falls in the hour skipped
 * in spring begins when the clocks resume (02:30 becomes 03:30, java.time's rule); a start in
 * the repeated autumn hour begins at its first occurrence.
 */
public record MaintenanceWindow(String name, CronExpression schedule, Duration duration, ZoneId zone, List<Matcher> matchers) {

    public MaintenanceWindow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(zone, "zone");
        DurationChecks.positive(duration, "maintenance window %s: duration".formatted(name));
        if (duration.compareTo(Duration.ofDays(31)) > 0) {
            throw new IllegalArgumentException("maintenance window %s: duration must be at most 31 days, got %s".formatted(name, duration));
        }
        matchers = List.copyOf(matchers);
    }

    /** The start of the occurrence that covers {@code now}, if one does. */
    public Optional<Instant> activeStart(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        long daysBack = duration.toDays() + 1;
        List<LocalTime> times = schedule.times();
        for (long d = 0; d <= daysBack; d++) {
            LocalDate date = local.toLocalDate().minusDays(d);
            if (!schedule.matchesDay(date)) {
                continue;
            }
            for (int i = times.size() - 1; i >= 0; i--) {
                Instant start = ZonedDateTime.of(date, times.get(i), zone).toInstant();
                if (!start.isAfter(now) && now.isBefore(start.plus(duration))) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    public boolean isActive(Instant now) {
        return activeStart(now).isPresent();
    }

    public boolean covers(Map<String, String> labels, Instant now) {
        return Matcher.all(matchers, labels) && isActive(now);
    }
}
