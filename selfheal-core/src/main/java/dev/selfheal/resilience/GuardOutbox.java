package dev.selfheal.resilience;

import dev.selfheal.events.EventBus;
import dev.selfheal.events.OutboxFilling;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox of one guard whose fallback is "outbox": parks what the integration could not
 * take, keeps the parked count (the store is the truth; the count feeds the gauge and the
 * "queue behind" rule), warns as it fills, and replays in order, one replayer at a time.
 *
 * <p>Shutdown: once {@link #close} begins no replay starts, a running one stops before its next
 * message, and close waits (bounded) for it, so the store is not closed under a replay. What a
 * replay did not deliver stays parked for the next start.
 */
final class GuardOutbox {

    private static final Logger log = LoggerFactory.getLogger(GuardOutbox.class);
    private static final int REPLAY_BATCH = 100;

    /** Makes one replayed call through the guard (breaker, retry, budget and all). */
    @FunctionalInterface
    interface Invoker {
        void deliver(MessageHandler handler, OutboundMessage message);
    }

    private final String name;
    private final Fallback.Outbox policy;
    private final OutboxStore store;
    private final AtomicLong parked;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final ReentrantLock replayLock = new ReentrantLock();
    private final Executor replayExecutor;
    private final EventBus bus;
    private final InstantSource clock;
    private final Scheduler time;
    /** The replay set for the end of a rate-limit hold, if one is (at most one at a time). */
    private final AtomicReference<Cancellable> replayAtHoldEnd = new AtomicReference<>();
    private final Function<String, MessageHandler> handlers;
    private final Invoker invoker;
    private final BooleanSupplier mayReplay;
    private volatile boolean closed;

    GuardOutbox(String name, Fallback.Outbox policy, OutboxStore store, AtomicLong parked, Executor replayExecutor,
                EventBus bus, Scheduler time, Function<String, MessageHandler> handlers, Invoker invoker,
                BooleanSupplier mayReplay) {
        this.name = name;
        this.policy = policy;
        this.store = store;
        this.parked = parked;
        this.replayExecutor = replayExecutor;
        this.bus = bus;
        this.time = time;
        this.clock = time.clock();
        this.handlers = handlers;
        this.invoker = invoker;
        this.mayReplay = mayReplay;
        parked.set(store.pendingCount(name));
    }

    boolean hasParked() {
        return parked.get() > 0;
    }

    SendOutcome park(OutboundMessage message, String reason, GuardException cause) {
        if (parked.get() >= policy.capacity()) {
            GuardException why = cause != null ? cause
                    : new CallRejectedException(name, CallRejectedException.Reason.BREAKER_OPEN, null);
            throw new OutboxFullException(name, policy.capacity(), why);
        }
        OutboxEntry entry = store.park(name, message.operation(), message.idempotencyKey(), message.payload(), clock.instant());
        long now = store.pendingCount(name); // a repeated key parks nothing new
        parked.set(now);
        log.info("event=call_parked integration={} operation={} key={} outbox_size={} reason=\"{}\"",
                name, message.operation(), message.idempotencyKey(), now, reason);
        if (cause instanceof RateLimitedException limited) {
            replayAfter(limited.requiredWait());
        }
        if (now >= warnAt() && warned.compareAndSet(false, true)) {
            log.warn("event=outbox_filling integration={} parked={} capacity={}", name, now, policy.capacity());
            bus.publish(new OutboxFilling(name, now, policy.capacity(), clock.instant()));
        }
        return new SendOutcome.Parked(entry, reason);
    }

    /** See {@link Guard#replayParked()}. */
    int replay() {
        if (closed || !replayLock.tryLock()) {
            return 0;
        }
        int delivered = 0;
        try {
            while (true) {
                if (closed) {
                    log.info("event=replay_stopped integration={} parked={} reason=\"shutting down\"", name, parked.get());
                    return delivered;
                }
                List<OutboxEntry> batch = store.pending(name, REPLAY_BATCH);
                if (batch.isEmpty()) {
                    parked.set(0);
                    reArmWarning();
                    return delivered;
                }
                for (OutboxEntry entry : batch) {
                    if (closed) {
                        log.info("event=replay_stopped integration={} parked={} reason=\"shutting down\"", name, parked.get());
                        return delivered;
                    }
                    if (!mayReplay.getAsBoolean()) {
                        log.info("event=replay_held integration={} parked={}", name, parked.get());
                        return delivered;
                    }
                    MessageHandler handler = handlers.apply(entry.operation());
                    if (handler == null) {
                        log.warn("event=replay_stopped integration={} id={} reason=\"no handler for operation {}\"", name, entry.id(), entry.operation());
                        return delivered;
                    }
                    try {
                        invoker.deliver(handler, new OutboundMessage(name, entry.operation(), entry.idempotencyKey(), entry.payload()));
                    } catch (GuardException e) {
                        if (Guard.fallsBack(e)) {
                            store.recordFailure(entry.id(), e.getMessage(), clock.instant());
                            log.info("event=replay_paused integration={} id={} reason=\"{}\"", name, entry.id(), e.getMessage());
                            if (e instanceof RateLimitedException limited) {
                                replayAfter(limited.requiredWait());
                            }
                            return delivered;
                        }
                        store.markDead(entry.id(), e.getMessage(), clock.instant());
                        parked.decrementAndGet();
                        log.warn("event=outbox_entry_dead integration={} id={} key={} reason=\"{}\"", name, entry.id(), entry.idempotencyKey(), e.getMessage());
                        continue;
                    }
                    store.markDelivered(entry.id());
                    parked.decrementAndGet();
                    delivered++;
                }
                reArmWarning();
            }
        } finally {
            replayLock.unlock();
        }
    }

    /**
     * A replay stopped by a rate limit resumes when the limit's wait is over, even if no new
     * call comes to trigger it (nothing else would: the breaker stays closed through a rate limit).
     * One timer at a time: while calls keep parking behind the same limit, the timer already set
     * stands; if the limit then lasts longer, the replay it starts pauses and sets the next one.
     */
    private void replayAfter(java.time.Duration wait) {
        if (replayAtHoldEnd.get() != null) {
            return;
        }
        Cancellable set = time.schedule(wait.plusMillis(50), () -> {
            replayAtHoldEnd.set(null);
            triggerReplay();
        });
        if (!replayAtHoldEnd.compareAndSet(null, set)) {
            set.cancel(); // another thread set one meanwhile
        }
    }

    /** Starts a replay on the replay executor; a failure to start or a replay that throws is logged, never thrown. */
    void triggerReplay() {
        if (closed) {
            return;
        }
        try {
            replayExecutor.execute(() -> {
                try {
                    int n = replay();
                    if (n > 0) {
                        log.info("event=outbox_replayed integration={} delivered={}", name, n);
                    }
                } catch (RuntimeException e) {
                    log.error("event=outbox_replay_failed integration={} error=\"{}\"", name, e.toString(), e);
                }
            });
        } catch (RuntimeException e) {
            log.error("event=outbox_replay_not_started integration={} error=\"{}\"", name, e.toString(), e);
        }
    }

    /** No replay starts from now on; a running one stops before its next message. */
    void stopReplays() {
        closed = true;
        Cancellable set = replayAtHoldEnd.getAndSet(null);
        if (set != null) {
            set.cancel();
        }
    }

    /**
     * Waits until no replay runs, at most until {@code deadlineNanos} ({@link System#nanoTime}).
     * Called after {@link #stopReplays()}; a replay then only finishes the message in flight.
     *
     * @return whether no replay runs now
     */
    boolean awaitReplays(long deadlineNanos) {
        try {
            if (replayLock.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                replayLock.unlock();
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.warn("event=replay_still_running integration={} reason=\"shutdown did not wait longer; the message in flight "
                + "stays parked unless it was marked delivered\"", name);
        return false;
    }

    private long warnAt() {
        return (long) Math.ceil(policy.capacity() * policy.warnFraction());
    }

    private void reArmWarning() {
        if (parked.get() < warnAt()) {
            warned.set(false);
        }
    }
}
