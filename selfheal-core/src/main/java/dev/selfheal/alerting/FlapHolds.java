package dev.selfheal.alerting;

import dev.selfheal.alerting.rules.FlapDetector;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flap damping's memory: which fingerprints flap; which have had their one flapping notice;
 * which resolutions wait until the fingerprint has been quiet a whole flap window; which
 * incident alerts are held aside until their healing grace ends; and which resolved notices of
 * told flapping alerts wait for the fingerprint to stop flapping. It decides nothing about
 * sending: its timers run what the manager gives them. Not thread-safe: used under the manager's lock.
 */
final class FlapHolds {

    /** A resolved notice kept back while its fingerprint flaps. */
    record DueNotice(Alert resolved, String why) { }

    private final FlapDetector detector;
    private final Duration window;
    private final Duration healingGrace;
    private final Scheduler scheduler;
    private final Set<String> noticed = new LinkedHashSet<>();
    private final Map<String, Instant> resolvePendingSince = new HashMap<>();
    private final Map<String, Alert> heldAside = new LinkedHashMap<>();
    private final Map<String, Cancellable> recheckTimers = new HashMap<>();
    private final Map<String, DueNotice> noticesDue = new HashMap<>();

    FlapHolds(int threshold, Duration window, Duration healingGrace, Scheduler scheduler) {
        this.detector = new FlapDetector(threshold, window);
        this.window = window;
        this.healingGrace = healingGrace;
        this.scheduler = scheduler;
    }

    Duration window() {
        return window;
    }

    /** A new episode of the fingerprint began; whether it is flapping now. */
    boolean fired(String fingerprint, Instant now) {
        return detector.fired(fingerprint, now);
    }

    /** The fingerprint's signal resolved; whether it is (still) flapping. */
    boolean resolved(String fingerprint, Instant now) {
        return detector.resolved(fingerprint, now);
    }

    boolean isFlapping(String fingerprint, Instant now) {
        return detector.isFlapping(fingerprint, now);
    }

    void prune(Instant now) {
        detector.prune(now);
    }

    // ---- the one flapping notice per episode ----------------------------------------------------

    boolean noticed(String fingerprint) {
        return noticed.contains(fingerprint);
    }

    void markNoticed(String fingerprint) {
        noticed.add(fingerprint);
    }

    /** The fingerprint's next flapping episode gets its own notice. */
    void freeNotice(String fingerprint) {
        noticed.remove(fingerprint);
    }

    // ---- resolutions that wait for quiet ---------------------------------------------------------

    /** The fingerprint resolved while flapping: {@code check} runs after a flap window. */
    void resolveWhenQuiet(String fingerprint, Instant now, Runnable check) {
        resolvePendingSince.put(fingerprint, now);
        scheduler.schedule(window, check);
    }

    /** It fired again: its waiting resolution is off. */
    void cancelResolve(String fingerprint) {
        resolvePendingSince.remove(fingerprint);
    }

    /**
     * Whether the fingerprint's waiting resolution is due: no longer flapping and quiet a whole
     * window since it resolved (its flapping notice is then free again). Still waiting:
     * {@code check} runs again after another window.
     */
    boolean quietResolveDue(String fingerprint, Instant now, Runnable check) {
        Instant since = resolvePendingSince.get(fingerprint);
        if (since != null && !detector.isFlapping(fingerprint, now) && !now.isBefore(since.plus(window))) {
            resolvePendingSince.remove(fingerprint);
            noticed.remove(fingerprint);
            return true;
        }
        if (since != null) {
            scheduler.schedule(window, check);
        }
        return false;
    }

    // ---- incident alerts held aside until their healing grace ends ------------------------------

    Optional<Alert> heldAside(String incidentId) {
        return Optional.ofNullable(heldAside.get(incidentId));
    }

    /** When an incident alert held as flapping is looked at again: the end of its healing grace. */
    Instant lookAgainAt(Alert alert) {
        return alert.startsAt().plus(healingGrace);
    }

    /** Keeps the incident's alert aside; {@code recheck} runs at the end of its healing grace. */
    void holdAside(String incidentId, Alert held, Instant now, Runnable recheck) {
        heldAside.put(incidentId, held);
        Duration delay = Duration.between(now, lookAgainAt(held));
        recheckTimers.put(incidentId, scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, recheck));
    }

    /** The incident's recheck timer fired. */
    void recheckFired(String incidentId) {
        recheckTimers.remove(incidentId);
    }

    /** The incident's alert is no longer held aside (told, or resolved quietly). */
    void release(String incidentId) {
        heldAside.remove(incidentId);
    }

    /**
     * A fingerprint's open alert resolved: the first incident held aside for it whose grace has
     * ended and whose timer has already fired is looked at again now.
     */
    Optional<String> dueAfterResolve(String fingerprint, Instant now) {
        for (Alert a : List.copyOf(heldAside.values())) {
            String incidentId = a.incidentId().orElseThrow();
            if (a.fingerprint().equals(fingerprint) && !now.isBefore(lookAgainAt(a)) && !recheckTimers.containsKey(incidentId)) {
                return Optional.of(incidentId);
            }
        }
        return Optional.empty();
    }

    // ---- resolved notices that wait for the fingerprint to stop flapping -------------------------

    /** Keeps a told flapping alert's resolved notice back; {@code check} runs after a flap window. */
    void noticeWhenQuiet(String fingerprint, DueNotice notice, Runnable check) {
        noticesDue.put(fingerprint, notice);
        scheduler.schedule(window, check);
    }

    Optional<DueNotice> dueNotice(String fingerprint) {
        return Optional.ofNullable(noticesDue.get(fingerprint));
    }

    void dropNotice(String fingerprint) {
        noticesDue.remove(fingerprint);
    }

    /** Looks again after another flap window. */
    void waitAnotherWindow(Runnable check) {
        scheduler.schedule(window, check);
    }

    void close() {
        recheckTimers.values().forEach(Cancellable::cancel);
    }
}
