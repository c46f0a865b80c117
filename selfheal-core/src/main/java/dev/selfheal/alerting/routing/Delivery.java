package dev.selfheal.alerting.routing;

import java.util.Optional;

/**
 * How one notification ended: delivered by {@code deliveredBy} (the receiver it was meant for
 * or one it fell back to) after {@code attempts} tries, or not delivered with the last error.
 */
public record Delivery(String receiver, Optional<String> deliveredBy, int attempts, String error) {

    public boolean delivered() {
        return deliveredBy.isPresent();
    }
}
