package dev.selfheal.alerting.rules;

import dev.selfheal.alerting.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A person's "I know, stop telling me": alerts whose labels match every matcher are held
 * from {@code startsAt} to {@code endsAt}. Who made it and why are required, as in
 * Alertmanager, so a forgotten silence can be traced.
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    public Silence {
        Objects.requireNonNull(id, "id");
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("matchers: a silence needs at least one matcher (it would silence everything)");
        }
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("ends_at must be after starts_at, got %s .. %s".formatted(startsAt, endsAt));
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("created_by must name who made the silence");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("comment must say why the silence exists");
        }
    }

    public boolean isActive(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(endsAt);
    }

    public boolean matches(Map<String, String> labels) {
        return Matcher.all(matchers, labels);
    }

    /**
     * The labels every alert it silences has for sure: one per equality matcher (a regex or a
     * negative matcher names no single value). What a reminder is routed by.
     */
    public Map<String, String> impliedLabels() {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (Matcher m : matchers) {
            if (m.op() == Matcher.Op.EQUAL) {
                labels.put(m.name(), m.value());
            }
        }
        return labels;
    }

    /** The same silence ending at {@code at} (expiring it early). */
    public Silence endingAt(Instant at) {
        return new Silence(id, matchers, startsAt, at.isAfter(startsAt) ? at : startsAt.plusNanos(1), createdBy, comment);
    }
}
