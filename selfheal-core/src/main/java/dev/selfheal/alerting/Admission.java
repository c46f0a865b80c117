package dev.selfheal.alerting;

import dev.selfheal.alerting.rules.SeverityRules;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An open alert's way to its groups: through the {@link Gates} first; held by one, it is
 * marked held (a status change is published) and the decision recorded; past them all, a held
 * alert is released and it waits in the group of each of its routes. Runs under the manager's lock.
 */
final class Admission {

    private final Ledger ledger;
    private final Gates gates;
    private final Groups groups;

    Admission(Ledger ledger, Gates gates, Groups groups) {
        this.ledger = ledger;
        this.gates = gates;
        this.groups = groups;
    }

    /**
     * A firing signal whose fingerprint has an open alert: a duplicate, unless it is worse
     * (severity, urgency, or it now names an incident), which is admitted again; an alert held
     * by something other than dedup is looked at again. A flapping one stays at its one notice.
     */
    Decision repeat(Alert existing, AlertSignal signal, SeverityRules.Classification c, Instant now) {
        if (existing.flapping()) {
            return ledger.record(Decision.held(existing, now, HoldReason.FLAPPING, "already sent once as flapping"), HoldReason.FLAPPING);
        }
        if (c.severity().compareTo(existing.severity()) > 0 || c.urgency().compareTo(existing.urgency()) > 0
                || existing.incidentId().isEmpty() && signal.incidentId().isPresent()) {
            Alert changed = existing.reclassified(AlertSeverity.worse(c.severity(), existing.severity()), c.urgency(),
                    signal.summary(), signal.incidentId(), now);
            ledger.replace(changed);
            if (changed.status() == AlertStatus.ACKNOWLEDGED) {
                return ledger.record(Decision.held(changed, now, HoldReason.ACKNOWLEDGED, "worsened after acknowledgement"),
                        HoldReason.ACKNOWLEDGED);
            }
            return admit(changed, now);
        }
        if (existing.status() == AlertStatus.HELD && existing.hold().filter(h -> h != HoldReason.DUPLICATE).isPresent()) {
            return admit(existing, now);
        }
        return ledger.record(Decision.held(existing, now, HoldReason.DUPLICATE, ""), HoldReason.DUPLICATE);
    }

    /** Gates, then the group; the decision says which. */
    Decision admit(Alert alert, Instant now) {
        Optional<Decision> held = gate(alert, now);
        if (held.isPresent()) {
            return held.get();
        }
        if (alert.status() == AlertStatus.HELD) {
            Alert released = alert.with(AlertStatus.FIRING, now);
            ledger.replace(released);
            ledger.publish(released, "held", "released: " + alert.hold().map(HoldReason::text).orElse("") + " no longer applies");
            alert = released;
        }
        groups.enqueue(alert, now);
        return Decision.of(alert, now, Decision.Outcome.HELD, HoldReason.GROUP_WAIT.text(), List.of());
    }

    /** The first gate that holds the alert, applied: the alert is held and the decision recorded. */
    Optional<Decision> gate(Alert alert, Instant now) {
        return gates.check(alert, now).map(h -> hold(alert, h, now, false));
    }

    /**
     * Holds the alert. A sent or acknowledged alert keeps its status (only the decision says
     * why); a transient one, never open (a repeat while flapping), is stored resolved at once.
     */
    Decision hold(Alert alert, Gates.Hold h, Instant now, boolean transientAlert) {
        HoldReason reason = h.reason();
        Decision d = Decision.held(alert, now, reason, h.detail());
        if (!transientAlert && alert.status() != AlertStatus.SENT && alert.status() != AlertStatus.ACKNOWLEDGED) {
            boolean changed = alert.status() != AlertStatus.HELD || alert.hold().filter(reason::equals).isEmpty();
            Alert held = alert.held(reason, h.detail(), now);
            ledger.replace(held);
            if (changed) {
                ledger.publish(held, alert.status().label(), reason.text());
            }
            d = Decision.held(held, now, reason, h.detail());
        } else if (transientAlert) {
            ledger.store.save(alert.held(reason, h.detail(), now).with(AlertStatus.RESOLVED, now));
        }
        return ledger.record(d, reason);
    }
}
