package dev.selfheal.alerting;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Flap damping never loses an incident. An incident's alert that fires while its fingerprint
 * flaps, after the fingerprint's one flapping notice went out, would be discarded as a repeat;
 * if the incident then stays open (escalated, or waiting for an approval nobody gives) nobody
 * would hear of it, since the notice was about earlier episodes. So it is kept aside and looked
 * at again when its healing grace ends: told once, marked flapping, if the incident is still open.
 * Runs under the manager's lock; its timers take it.
 */
final class FlappingIncidents {

    private final Ledger ledger;
    private final FlapHolds flaps;
    private final TrackedIncidents incidents;
    private final InstantSource clock;
    private final BiFunction<Alert, Instant, Decision> admit;

    FlappingIncidents(Ledger ledger, FlapHolds flaps, TrackedIncidents incidents, InstantSource clock,
                      BiFunction<Alert, Instant, Decision> admit) {
        this.ledger = ledger;
        this.flaps = flaps;
        this.incidents = incidents;
        this.clock = clock;
        this.admit = admit;
    }

    /** The incident's alert fired again while flapping, its notice gone out: kept aside until its grace ends. */
    Decision hold(Alert alert, Instant now) {
        String incidentId = alert.incidentId().orElseThrow();
        Optional<Alert> already = flaps.heldAside(incidentId);
        if (already.isPresent()) {
            return ledger.record(Decision.held(already.get(), now, HoldReason.FLAPPING, "fired again while flapping"),
                    HoldReason.FLAPPING);
        }
        String detail = "fired again while flapping; looked at again at %s, told then if incident %s is still open"
                .formatted(flaps.lookAgainAt(alert), incidentId);
        Alert held = alert.held(HoldReason.FLAPPING, detail, now);
        flaps.holdAside(incidentId, held, now, () -> {
            synchronized (ledger.lock) {
                recheck(incidentId);
            }
        });
        ledger.store.save(held);
        return ledger.record(Decision.held(held, now, HoldReason.FLAPPING, detail), HoldReason.FLAPPING);
    }

    /** A fingerprint's open alert resolved: an incident held aside for it whose grace has ended is looked at again. */
    void fingerprintResolved(String fingerprint, Instant now) {
        flaps.dueAfterResolve(fingerprint, now).ifPresent(this::recheck);
    }

    /** The healing grace of an incident alert held as flapping ended: told once, marked flapping, if its incident is open. */
    private void recheck(String incidentId) {
        flaps.recheckFired(incidentId);
        Alert held = flaps.heldAside(incidentId).orElse(null);
        if (held == null || ledger.closed()) {
            return;
        }
        Instant now = clock.instant();
        if (incidents.state(incidentId).isEmpty()) {
            flaps.release(incidentId);
            Alert done = held.with(AlertStatus.RESOLVED, now);
            ledger.store.save(done);
            ledger.store.record(Decision.of(done, now, Decision.Outcome.RESOLVED_QUIETLY, "held as flapping; incident "
                    + incidentId + " was resolved within its healing grace, nobody had been told (its fingerprint's "
                    + "flapping notice had)", List.of()));
            return;
        }
        Alert other = ledger.open.get(held.fingerprint());
        if (other != null) {
            // the fingerprint has an open alert of another incident: looked at again when that one resolves
            ledger.store.record(Decision.held(held, now, HoldReason.FLAPPING, "incident %s is still open, but alert %s of the "
                    .formatted(incidentId, other.id()) + "same fingerprint is open; looked at again when it resolves"));
            return;
        }
        flaps.release(incidentId);
        Alert still = held.reclassified(held.severity(), held.urgency(), "still open after its healing grace, while flapping: "
                + held.summary(), held.incidentId(), now);
        ledger.open.add(still);
        ledger.store.save(still);
        ledger.store.record(Decision.of(still, now, Decision.Outcome.HELD, "flapping hold looked at again at the end of its "
                + "healing grace: incident " + incidentId + " is still open, so it is told once, marked flapping", List.of()));
        admit.apply(still, now);
    }
}
