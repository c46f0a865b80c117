package dev.selfheal.alerting;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * The end of an alert, and who hears it. Resolved at source while flapping: it resolves only
 * after a whole quiet flap window. Nobody told yet: resolved quietly, unless it is critical (or
 * its healing grace ended) and still waits in its group, which then tells it, marked resolved.
 * Told, but its fingerprint still flaps: the resolved notice waits until the fingerprint is
 * quiet. Otherwise each receiver that was told gets one resolved notice. Runs under the
 * manager's lock; its timers take it.
 */
final class Resolutions {

    private final Ledger ledger;
    private final FlapHolds flaps;
    private final Groups groups;
    private final Gates gates;
    private final Notices notices;
    private final FlappingIncidents flappingIncidents;
    private final InstantSource clock;
    private final boolean inhibits;
    private final Runnable reevaluateHeld;

    Resolutions(Ledger ledger, FlapHolds flaps, Groups groups, Gates gates, Notices notices,
                FlappingIncidents flappingIncidents, InstantSource clock, boolean inhibits, Runnable reevaluateHeld) {
        this.ledger = ledger;
        this.flaps = flaps;
        this.groups = groups;
        this.gates = gates;
        this.notices = notices;
        this.flappingIncidents = flappingIncidents;
        this.clock = clock;
        this.inhibits = inhibits;
        this.reevaluateHeld = reevaluateHeld;
    }

    /** A signal said the fingerprint resolved. */
    Decision signalResolved(String fp, AlertSignal signal, Instant now) {
        Alert alert = ledger.open.get(fp);
        boolean flapping = flaps.resolved(fp, now);
        if (alert == null) {
            return new Decision("none", fp, signal.component(), now, Decision.Outcome.RESOLVED_QUIETLY, Optional.empty(),
                    "no open alert with this fingerprint", List.of());
        }
        if (flapping && alert.flapping()) {
            flaps.resolveWhenQuiet(fp, now, () -> resolveIfQuiet(fp));
            return ledger.record(Decision.held(alert, now, HoldReason.FLAPPING, "resolved while flapping; resolves after %s quiet"
                    .formatted(flaps.window())), HoldReason.FLAPPING);
        }
        return resolve(alert, "resolved at source", now);
    }

    /** Resolves an open alert; the decision says who hears of it. */
    Decision resolve(Alert alert, String why, Instant now) {
        Alert resolved = alert.with(AlertStatus.RESOLVED, now);
        ledger.open.remove(alert);
        groups.forget(alert.fingerprint());
        gates.forget(alert.fingerprint());
        ledger.store.save(resolved);
        ledger.publish(resolved, alert.status().label(), why);
        for (AlertListener l : ledger.listeners) {
            l.closed(resolved, AlertStatus.RESOLVED);
        }
        Decision d;
        if (alert.told().isEmpty() && tellWithGroup(alert, resolved)) {
            d = Decision.of(resolved, now, Decision.Outcome.RESOLVED_QUIETLY, why + "; nobody had been told yet: "
                    + alert.severity().label() + ", so it goes out, marked resolved, with its group's next message", List.of());
        } else if (alert.told().isEmpty()) {
            if (alert.flapping()) {
                // its one flapping notice never went out: the fingerprint's next firing while flapping may be it
                flaps.freeNotice(alert.fingerprint());
            }
            d = Decision.of(resolved, now, Decision.Outcome.RESOLVED_QUIETLY, why + "; nobody had been told"
                    + alert.hold().map(h -> " (held: " + h.text() + ")").orElse(""), List.of());
        } else if (alert.flapping() && flaps.isFlapping(alert.fingerprint(), now)) {
            // "resolved" would be wrong while the fingerprint keeps cycling: said once it has been quiet a whole window
            flaps.noticeWhenQuiet(alert.fingerprint(), new FlapHolds.DueNotice(resolved, why),
                    () -> resolvedNoticeIfQuiet(alert.fingerprint()));
            d = Decision.of(resolved, now, Decision.Outcome.RESOLVED_QUIETLY, why + "; its fingerprint is still flapping, so the "
                    + "resolved notice to " + String.join(", ", alert.told()) + " waits until it has been quiet for "
                    + flaps.window(), List.of());
        } else {
            if (alert.flapping()) {
                // it stopped flapping: the fingerprint's next flapping episode gets its own notice
                flaps.freeNotice(alert.fingerprint());
            }
            d = notices.resolved(resolved, alert.told(), why, now);
        }
        ledger.store.record(d);
        flappingIncidents.fingerprintResolved(alert.fingerprint(), now);
        if (inhibits && ledger.open.openIn(alert.component()) == 0) {
            reevaluateHeld.run();
        }
        return d;
    }

    private void resolveIfQuiet(String fp) {
        synchronized (ledger.lock) {
            Instant now = clock.instant();
            if (flaps.quietResolveDue(fp, now, () -> resolveIfQuiet(fp))) {
                Alert a = ledger.open.get(fp);
                if (a != null) {
                    resolve(a, "stopped flapping and stayed resolved", now);
                }
            }
        }
    }

    /**
     * The resolved notice of a told flapping alert, kept back while its fingerprint flapped: sent
     * once the fingerprint has been quiet for a whole flap window (its one flapping notice is then
     * free again); dropped when a newer alert of the fingerprint has been told meanwhile, whose own
     * resolved notice will follow.
     */
    private void resolvedNoticeIfQuiet(String fp) {
        synchronized (ledger.lock) {
            FlapHolds.DueNotice due = flaps.dueNotice(fp).orElse(null);
            if (due == null || ledger.closed()) {
                return;
            }
            Instant now = clock.instant();
            Alert newer = ledger.open.get(fp);
            Alert r = due.resolved();
            if (newer != null && !newer.told().isEmpty()) {
                flaps.dropNotice(fp);
                ledger.store.record(Decision.of(r, now, Decision.Outcome.RESOLVED_QUIETLY, "resolved notice dropped: alert "
                        + newer.id() + " of the same fingerprint has been told since", List.of()));
                return;
            }
            if (newer != null || flaps.isFlapping(fp, now)) {
                flaps.waitAnotherWindow(() -> resolvedNoticeIfQuiet(fp));
                return;
            }
            flaps.dropNotice(fp);
            flaps.freeNotice(fp);
            ledger.store.record(notices.resolved(r, r.told(), due.why() + "; its fingerprint stopped flapping", now));
        }
    }

    /**
     * A critical (or worse) alert is always told, healing or not, and so is an incident's alert
     * whose healing grace ended before its incident resolved; one that resolves while still
     * waiting in its group (group wait or interval, not held by a silence, a window or an
     * upstream incident) would otherwise vanish untold. It stays in the group and goes out with
     * the group's next message, marked resolved: one message, not a page and then a resolved notice.
     */
    private boolean tellWithGroup(Alert alert, Alert resolved) {
        boolean graceEnded = alert.incidentId().isPresent() && !resolved.updatedAt().isBefore(flaps.lookAgainAt(alert));
        if (alert.status() != AlertStatus.FIRING || !alert.severity().atLeast(AlertSeverity.CRITICAL) && !graceEnded) {
            return false;
        }
        return groups.sendResolvedWithGroup(alert, resolved);
    }
}
