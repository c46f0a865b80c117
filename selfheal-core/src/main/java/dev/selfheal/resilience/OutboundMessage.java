package dev.selfheal.resilience;

/**
 * A call that can be parked and replayed: everything a {@link MessageHandler} needs to make it.
 * The idempotency key lets the far side (or the handler) drop a repeat: replay is at least once.
 */
public record OutboundMessage(String integration, String operation, String idempotencyKey, String payload) {
}
