package dev.selfheal.resilience;

/** What {@link Guard#send} did with a message: delivered it now, or parked it in the outbox. */
public sealed interface SendOutcome {

    record Delivered(String idempotencyKey) implements SendOutcome { }

    /**
     * Parked, to be replayed in order once the integration takes calls again.
     *
     * @param reason why: the call failed (the message of the failure), or earlier calls are still parked
     */
    record Parked(OutboxEntry entry, String reason) implements SendOutcome { }
}
