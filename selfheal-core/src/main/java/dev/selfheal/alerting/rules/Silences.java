package dev.selfheal.alerting.rules;

import dev.selfheal.alerting.AlertStore;
import dev.selfheal.alerting.Matcher;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.SilenceExpiring;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The silences: created, expired early, matched against alerts, persisted in the
 * {@link AlertStore}, and a reminder ({@link SilenceExpiring}) before each one ends.
 */
public final class Silences {

    private static final Logger log = LoggerFactory.getLogger(Silences.class);

    private final Scheduler scheduler;
    private final EventBus bus;
    private final AlertStore store;
    private final Duration reminder;
    private final Map<String, Silence> silences = new LinkedHashMap<>();
    private final Map<String, Cancellable> reminders = new HashMap<>();
    private volatile Consumer<Silence> onChange = s -> { };

    public Silences(Scheduler scheduler, EventBus bus, AlertStore store, Duration reminder) {
        this.scheduler = scheduler;
        this.bus = bus;
        this.store = store;
        this.reminder = reminder;
        Instant now = scheduler.clock().instant();
        for (Silence s : store.silences()) {
            if (!s.isExpired(now)) {
                silences.put(s.id(), s);
                armReminder(s);
            }
        }
    }

    /** Called after a silence is added or expired (the pipeline re-evaluates held alerts). */
    public void onChange(Consumer<Silence> listener) {
        this.onChange = listener;
    }

    /**
     * The furthest ahead a silence may end (and so start): a year and a day. Longer is a mistake
     * or an attack (a silence ending in 2300 used to overflow the store's time columns, leaving
     * a silence active in memory that was never stored); a standing exception belongs in config.
     */
    public static final Duration MAX_AHEAD = Duration.ofDays(366);

    /**
     * Adds a silence. Throws {@link IllegalArgumentException} naming the field when it ends in
     * the past or more than {@link #MAX_AHEAD} from now; nothing is kept then.
     */
    public Silence add(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        Instant now = scheduler.clock().instant();
        Instant latest = now.plus(MAX_AHEAD);
        if (startsAt.isBefore(now.minus(MAX_AHEAD))) {
            throw new IllegalArgumentException("starts_at: a silence may start at most %d days ago, got %s"
                    .formatted(MAX_AHEAD.toDays(), startsAt));
        }
        if (endsAt.isAfter(latest)) {
            throw new IllegalArgumentException("ends_at: a silence may end at most %d days from now (by %s), got %s"
                    .formatted(MAX_AHEAD.toDays(), latest, endsAt));
        }
        Silence s = new Silence("sil-" + UUID.randomUUID().toString().substring(0, 12), matchers, startsAt, endsAt,
                createdBy, comment);
        if (s.isExpired(scheduler.clock().instant())) {
            throw new IllegalArgumentException("ends_at %s is already in the past".formatted(endsAt));
        }
        synchronized (this) {
            silences.put(s.id(), s);
            store.save(s);
            armReminder(s);
        }
        log.info("event=silence_created silence={} matchers=\"{}\" ends_at={} created_by={}", s.id(), s.matchers(), s.endsAt(),
                s.createdBy());
        onChange.accept(s);
        return s;
    }

    /** Ends a silence now; throws {@link NoSuchElementException} naming the id when there is none. */
    public Silence expire(String id) {
        Silence ended;
        synchronized (this) {
            Silence s = silences.remove(id);
            if (s == null) {
                throw new NoSuchElementException("no active silence '%s'".formatted(id));
            }
            ended = s.endingAt(scheduler.clock().instant());
            store.save(ended);
            Optional.ofNullable(reminders.remove(id)).ifPresent(Cancellable::cancel);
        }
        log.info("event=silence_expired silence={}", id);
        onChange.accept(ended);
        return ended;
    }

    /** The active silence matching these labels, if any. */
    public synchronized Optional<Silence> matching(Map<String, String> labels, Instant now) {
        if (silences.isEmpty()) {
            return Optional.empty();
        }
        for (Silence s : silences.values()) {
            if (s.isActive(now) && s.matches(labels)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The silence with this id while it is kept (not yet expired). */
    public synchronized Optional<Silence> find(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    /** Silences not yet expired (active or pending), by start. */
    public synchronized List<Silence> current() {
        Instant now = scheduler.clock().instant();
        silences.values().removeIf(s -> s.isExpired(now));
        return List.copyOf(silences.values());
    }

    private void armReminder(Silence s) {
        Instant now = scheduler.clock().instant();
        Instant at = s.endsAt().minus(reminder);
        if (reminder.isZero() || !at.isAfter(now)) {
            return;
        }
        reminders.put(s.id(), scheduler.schedule(Duration.between(now, at), () -> {
            synchronized (this) {
                reminders.remove(s.id());
                if (!silences.containsKey(s.id())) {
                    return;
                }
            }
            log.info("event=silence_expiring silence={} ends_at={} created_by={}", s.id(), s.endsAt(), s.createdBy());
            bus.publish(new SilenceExpiring(s.id(), s.createdBy(), s.comment(), s.endsAt(), scheduler.clock().instant()));
        }));
    }
}
