package dev.selfheal.alerting.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Working hours in a time zone, e.g. Monday to Friday 09:00–18:00 Europe/Berlin. */
public record BusinessHours(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

    public static final BusinessHours DEFAULT = new BusinessHours(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0), ZoneId.of("UTC"));

    public BusinessHours {
        days = Set.copyOf(days);
        Objects.requireNonNull(zone, "zone");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("business hours: 'to' (%s) must be after 'from' (%s)".formatted(to, from));
        }
    }

    public boolean contains(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime t = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !t.isBefore(from) && t.isBefore(to);
    }
}
