package dev.selfheal.resilience;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A call parked in the outbox because its integration could not take it.
 *
 * @param id             the store's id; increases in parking order
 * @param integration    the integration it is for
 * @param operation      which handler replays it
 * @param idempotencyKey unique per integration; given to the handler so the far side can drop a repeat
 * @param payload        what the handler needs to make the call again (JSON, usually)
 * @param parkedAt       when it was parked
 * @param attempts       replays tried so far
 * @param lastError      why the last replay failed
 */
public record OutboxEntry(long id, String integration, String operation, String idempotencyKey, String payload,
                          Instant parkedAt, int attempts, Optional<String> lastError) {

    public OutboxEntry {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(parkedAt, "parkedAt");
        lastError = lastError == null ? Optional.empty() : lastError;
    }
}
