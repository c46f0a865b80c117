package dev.selfheal.alerting;

import dev.selfheal.alerting.routing.Delivery;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A group's message: when a group's timer fires, its due members pass the gates again (a sent
 * alert's repeat is skipped while silenced or in maintenance), the rest go out as one
 * notification, each alert marked sent to the route's receiver, and the delivery's outcome
 * corrects who was told ({@link DeliveryFallback}). Runs under the manager's lock; the timer
 * and the delivery callback take it.
 */
final class GroupMessages {

    private final Ledger ledger;
    private final Groups groups;
    private final Gates gates;
    private final Admission admission;
    private final Notices notices;
    private final InstantSource clock;

    GroupMessages(Ledger ledger, Groups groups, Gates gates, Admission admission, Notices notices, InstantSource clock) {
        this.ledger = ledger;
        this.groups = groups;
        this.gates = gates;
        this.admission = admission;
        this.notices = notices;
        this.clock = clock;
    }

    /** The group's timer fired. */
    void flush(String key) {
        synchronized (ledger.lock) {
            if (ledger.closed()) {
                return;
            }
            Groups.Batch batch = groups.flush(key, clock.instant(), ledger.open::get, this::sift);
            if (batch != null) {
                send(batch, clock.instant());
            }
        }
    }

    /** A due member at a flush: a sent alert's repeat stops while muted; an unsent one passes the gates again. */
    private Groups.Verdict sift(Alert a, boolean pending, Instant now) {
        if (a.status() == AlertStatus.SENT && !pending && gates.muted(a, now)) {
            ledger.store.record(Decision.held(a, now, HoldReason.SILENCED, "repeat skipped: silenced or in maintenance"));
            return Groups.Verdict.SKIP;
        }
        if (a.status() != AlertStatus.SENT && admission.gate(a, now).isPresent()) {
            return Groups.Verdict.DROP;
        }
        return Groups.Verdict.SEND;
    }

    private void send(Groups.Batch batch, Instant now) {
        String receiver = batch.route().receiver();
        List<Alert> sent = new ArrayList<>(batch.alerts().size() + batch.resolvedToo().size());
        for (Alert a : batch.alerts()) {
            boolean first = a.lastNotifiedAt().isEmpty();
            Alert notified = a.notified(Set.of(receiver), now);
            ledger.replace(notified);
            sent.add(notified);
            ledger.store.record(Decision.of(notified, now, Decision.Outcome.SENT, first ? "sent" : "repeat", List.of(receiver)));
            if (a.status() != notified.status()) {
                ledger.publish(notified, a.status().label(), "sent to " + receiver);
            }
            if (first) {
                for (AlertListener l : ledger.listeners) {
                    l.firstSent(notified, batch.route().escalationPolicy());
                }
            }
        }
        for (Alert r : batch.resolvedToo()) {
            ledger.store.record(Decision.of(r, now, Decision.Outcome.SENT, "sent resolved: a critical alert, or one whose "
                    + "healing grace had ended, is told even when it resolved before its group was sent", List.of(receiver)));
        }
        List<Alert> told = new ArrayList<>(sent);
        told.addAll(batch.resolvedToo());
        notices.send(new Notification(Notification.Kind.FIRING, receiver, batch.key(), told, "", now), d -> delivered(sent, d));
    }

    private void delivered(List<Alert> alerts, Delivery d) {
        synchronized (ledger.lock) {
            for (Alert sent : alerts) {
                Alert current = ledger.open.byId(sent.id());
                if (current == null || !current.id().equals(sent.id())) {
                    continue;
                }
                DeliveryFallback.apply(current, d, clock.instant()).ifPresent(change -> {
                    ledger.store.record(change.decision());
                    ledger.replace(change.alert());
                });
            }
        }
    }
}
