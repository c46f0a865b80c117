package dev.selfheal.resilience;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The messaging face of one guard ({@link Guard#outbox()}): messages sent through registered
 * handlers, each with an idempotency key, made through the guard's composition. With the
 * "outbox" fallback, a message the integration cannot take now is parked and replayed in order
 * once the breaker closes; without it, {@link #send} throws what the guard threw and
 * {@link #park} is refused.
 */
public final class Outbox {

    private final Guard guard;
    private final String name;
    private final Fallback fallback;
    private final Map<String, MessageHandler> handlers = new ConcurrentHashMap<>();
    private final AtomicLong parked = new AtomicLong();
    private volatile BooleanSupplier mayReplay = () -> true;
    /** Null unless the fallback is "outbox". */
    private final GuardOutbox parking;

    Outbox(Guard guard, GuardConfig config, OutboxStore store, Executor replayExecutor, dev.selfheal.events.EventBus bus,
           dev.selfheal.time.Scheduler time) {
        this.guard = guard;
        this.name = config.integration();
        this.fallback = config.fallback();
        this.parking = fallback instanceof Fallback.Outbox policy
                ? new GuardOutbox(name, policy, store, parked, replayExecutor, bus, time, handlers::get, guard::deliver,
                this::mayReplay)
                : null;
    }

    /**
     * Sends a parkable message through the handler registered for its operation. With the
     * outbox fallback, a message that cannot be delivered now is parked and replayed in order
     * once the breaker closes; while earlier messages are parked, new ones queue behind them.
     */
    public SendOutcome send(String operation, String idempotencyKey, String payload) {
        MessageHandler handler = handlerFor(operation);
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("send to %s/%s needs an idempotency key".formatted(name, operation));
        }
        OutboundMessage message = new OutboundMessage(name, operation, idempotencyKey, payload == null ? "" : payload);
        if (parking != null && parking.hasParked()) {
            SendOutcome parkedNow = parking.park(message, "earlier calls to %s are parked; this one queues behind them".formatted(name), null);
            if (guard.breakerClosed() && guard.rateLimitHold().isEmpty()) {
                parking.triggerReplay(); // while a rate limit holds, the replay is already set for its end
            }
            return parkedNow;
        }
        try {
            guard.deliver(handler, message);
            return new SendOutcome.Delivered(idempotencyKey);
        } catch (GuardException e) {
            if (parking != null && Guard.fallsBack(e)) {
                guard.countFallback();
                return parking.park(message, e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Parks a message in the outbox without trying it now: for work the caller has chosen to
     * defer (a feature switched off by degradation), delivered by a later replay. Queues behind
     * anything already parked, like every parked message.
     *
     * @throws IllegalStateException when this guard's fallback is not the outbox
     */
    public SendOutcome park(String operation, String idempotencyKey, String payload, String reason) {
        handlerFor(operation);
        if (parking == null) {
            throw new IllegalStateException("cannot park a call to %s/%s: its fallback is %s, not the outbox"
                    .formatted(name, operation, fallback));
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("park to %s/%s needs an idempotency key".formatted(name, operation));
        }
        return parking.park(new OutboundMessage(name, operation, idempotencyKey, payload == null ? "" : payload), reason, null);
    }

    /**
     * While {@code mayReplay} says false, no replay delivers anything (parked messages stay
     * parked, in order); replays triggered by a closing breaker or by {@link #replayParked()}
     * return at once. Whoever turns it back on calls {@link #replayParked()}.
     */
    public void replayOnlyWhile(BooleanSupplier mayReplay) {
        this.mayReplay = mayReplay == null ? () -> true : mayReplay;
    }

    /** Registers how to make (and replay) calls of {@code operation}; replays what is parked if the breaker is closed. */
    public void registerHandler(String operation, MessageHandler handler) {
        if (operation == null || operation.isBlank() || handler == null) {
            throw new IllegalArgumentException("a message handler for %s needs an operation name and a handler".formatted(name));
        }
        if (handlers.putIfAbsent(operation, handler) != null) {
            throw new IllegalArgumentException("a message handler for %s/%s is already registered".formatted(name, operation));
        }
        if (parking != null && parking.hasParked() && guard.breakerClosed()) {
            parking.triggerReplay();
        }
    }

    /**
     * Replays parked messages in order until the outbox is empty or one fails (it stays, with
     * its error, and replay stops so that order is kept). A message the far side refuses for
     * good (not retryable) is marked dead and replay goes on. At least once: a message delivered
     * just before the process died is delivered again; the idempotency key lets it be dropped.
     *
     * @return how many were delivered (0 without an outbox, or while another replay runs)
     */
    public int replayParked() {
        return parking == null ? 0 : parking.replay();
    }

    /** Calls parked in the outbox and not yet delivered. */
    public long parkedCount() {
        return parked.get();
    }

    /** The count behind the outbox gauge. */
    AtomicLong parkedCounter() {
        return parked;
    }

    /** The breaker closed: what is parked is replayed (a replay makes calls, so never under the guard's lock). */
    void breakerClosed() {
        if (parking != null && parking.hasParked()) {
            parking.triggerReplay();
        }
    }

    /** Shutdown, step one: no replay starts; a running one stops before its next message. */
    void stopReplays() {
        if (parking != null) {
            parking.stopReplays();
        }
    }

    /** Shutdown, step two: waits, until the deadline ({@link System#nanoTime}), for a running replay to end. */
    boolean awaitReplays(long deadlineNanos) {
        return parking == null || parking.awaitReplays(deadlineNanos);
    }

    private boolean mayReplay() {
        return mayReplay.getAsBoolean();
    }

    private MessageHandler handlerFor(String operation) {
        MessageHandler handler = handlers.get(operation);
        if (handler == null) {
            throw new IllegalArgumentException("no message handler for %s/%s; registered operations: %s"
                    .formatted(name, operation, new TreeSet<>(handlers.keySet())));
        }
        return handler;
    }
}
