package dev.selfheal.alerting;

import dev.selfheal.alerting.routing.Delivery;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a delivery's outcome changes on a sent alert. Delivered by a fallback receiver: that one
 * was told instead (it gets the resolved notice). Not delivered: the receiver was not told, and
 * the failure is a decision. Delivered as addressed: nothing changes.
 */
final class DeliveryFallback {

    /** The alert with the receivers really told, and the decision that says why. */
    record Change(Alert alert, Decision decision) { }

    private DeliveryFallback() {
    }

    static Optional<Change> apply(Alert current, Delivery d, Instant now) {
        Set<String> told = new LinkedHashSet<>(current.told());
        Decision decision;
        if (d.delivered() && !d.deliveredBy().get().equals(d.receiver())) {
            told.remove(d.receiver());
            told.add(d.deliveredBy().get());
            decision = Decision.of(current, now, Decision.Outcome.SENT, "fell back from " + d.receiver(),
                    List.of(d.deliveredBy().get()));
        } else if (!d.delivered()) {
            told.remove(d.receiver());
            decision = Decision.held(current, now, HoldReason.DELIVERY_FAILED, d.receiver() + ": " + d.error());
        } else {
            return Optional.empty();
        }
        return Optional.of(new Change(current.withTold(told), decision));
    }
}
