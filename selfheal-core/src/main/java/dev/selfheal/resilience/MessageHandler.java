package dev.selfheal.resilience;

/**
 * Makes one kind of parkable call (one operation of an integration), live or on replay.
 * It throws on failure, like any guarded call; it should pass the idempotency key on to the
 * far side (a header, a client message id) so that a replay after a crash is not applied twice.
 */
@FunctionalInterface
public interface MessageHandler {
    void deliver(OutboundMessage message) throws Exception;
}
