package dev.selfheal.escalation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is on call: participants take turns, daily or weekly, handing over at a local time in
 * the schedule's zone (weekly on a day of the week), counted from {@code start}; an override
 * (a swap, cover for a holiday) wins while it lasts.
 *
 * <p>Turns are counted on local dates, so a 09:00 handoff stays 09:00 on the wall clock across
 * daylight-saving changes; the shift that spans the change is an hour shorter or longer.
 */
public record OnCallSchedule(String name, Rotation rotation, List<String> participants, LocalTime handoff,
                             DayOfWeek handoffDay, ZoneId zone, LocalDate start, List<Override> overrides) {

    public enum Rotation { DAILY, WEEKLY }

    /** {@code person} is on call from {@code from} (inclusive) to {@code to} (exclusive). */
    public record Override(String person, Instant from, Instant to) {
        public Override {
            if (person == null || person.isBlank()) {
                throw new IllegalArgumentException("on-call override needs a person");
            }
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("on-call override for %s: 'to' must be after 'from'".formatted(person));
            }
        }
    }

    public OnCallSchedule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rotation, "rotation");
        participants = List.copyOf(participants);
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("on-call schedule %s: needs at least one participant".formatted(name));
        }
        Objects.requireNonNull(handoff, "handoff");
        handoffDay = handoffDay == null ? DayOfWeek.MONDAY : handoffDay;
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        overrides = List.copyOf(overrides);
    }

    /** Who is on call at {@code at}. */
    public String onCall(Instant at) {
        for (Override o : overrides) {
            if (!at.isBefore(o.from()) && at.isBefore(o.to())) {
                return o.person();
            }
        }
        return participants.get(turn(at));
    }

    /** The rotation's turn number at {@code at} (0 for the first shift), modulo the participants. */
    int turn(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        long shifts;
        if (rotation == Rotation.DAILY) {
            LocalDate shiftDay = local.toLocalTime().isBefore(handoff) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
            shifts = ChronoUnit.DAYS.between(start, shiftDay);
        } else {
            LocalDate firstHandoff = start.with(TemporalAdjusters.nextOrSame(handoffDay));
            LocalDate lastHandoff = local.toLocalDate().with(TemporalAdjusters.previousOrSame(handoffDay));
            if (lastHandoff.equals(local.toLocalDate()) && local.toLocalTime().isBefore(handoff)) {
                lastHandoff = lastHandoff.minusWeeks(1);
            }
            shifts = ChronoUnit.WEEKS.between(firstHandoff, lastHandoff) + (start.equals(firstHandoff) ? 0 : 1);
        }
        return (int) Math.floorMod(shifts, (long) participants.size());
    }

    /** The next handoff after {@code at} (for the notice "on call until ..."). */
    public Optional<Instant> nextHandoff(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        LocalDateTime next = local.toLocalDate().atTime(handoff);
        if (rotation == Rotation.WEEKLY) {
            next = local.toLocalDate().with(TemporalAdjusters.nextOrSame(handoffDay)).atTime(handoff);
        }
        while (!next.isAfter(local)) {
            next = rotation == Rotation.DAILY ? next.plusDays(1) : next.plusWeeks(1);
        }
        return Optional.of(next.atZone(zone).toInstant());
    }
}
