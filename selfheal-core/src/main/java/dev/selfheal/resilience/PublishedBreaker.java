package dev.selfheal.resilience;

import dev.selfheal.status.BreakerState;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;

/**
 * A guard's Resilience4j breaker, driven step by step, with each transition it makes published
 * once and in order to a {@link Listener}.
 *
 * <p>Why not Resilience4j's onStateTransition
 * consumer: once any consumer is registered, the breaker creates an event object (with a
 * ZonedDateTime) for every call, success included, which would double what a guarded call
 * allocates. Transitions happen only inside calls this guard makes into the breaker
 * (automatic open-to-half-open is off) and each makes at most one, so this class compares the
 * state after each step with the state it last published (observedState).
 *
 * <p>The closed path takes no lock. While the breaker is closed, a permission is a no-op in
 * Resilience4j (ClosedState.acquirePermission), so it is skipped, and a recorded outcome can
 * make one transition only: CLOSED to OPEN. Every step taken while the breaker is, or was last
 * published, anything but closed runs under transitionLock, and first publishes what happened
 * since the last publication (a CLOSED to OPEN made by a lock-free step whose thread has not
 * published it yet), then steps, then publishes its own. A lock-free step looks again after it
 * stepped: when the breaker is no longer closed, or a locked step published meanwhile (its
 * outcome may have landed on a half-open breaker), it takes the lock and publishes the
 * difference. So each transition is published once, in order: a half-open probe's OPEN to
 * HALF_OPEN and another thread's HALF_OPEN to OPEN are both seen (BreakerTransitionsUnderLoadTest).
 * The one case it would merge two transitions into one: two calls that both stall, between
 * their look and their step (a few instructions), for longer than the breaker's whole open
 * wait, and whose late outcomes then close a half-open breaker and open it again at once.
 * <p>Each step is written out rather than passed to one
 * helper: a lambda capturing the duration or the error would allocate on every call.
 */
final class PublishedBreaker {

    /** Hears each transition: under the breaker's lock, then (for a close) outside it. */
    interface Listener {
        /** Called under the lock, in the order the breaker moved. */
        void transitioned(BreakerState from, BreakerState to);

        /** The breaker closed; called outside the lock (a replay makes calls). */
        void closed();
    }

    private final CircuitBreaker breaker;
    private final Listener listener;
    /** The breaker state last published. */
    private volatile CircuitBreaker.State observedState;
    private final Object transitionLock = new Object();

    PublishedBreaker(CircuitBreaker breaker, Listener listener) {
        this.breaker = breaker;
        this.listener = listener;
        this.observedState = breaker.getState();
    }

    private boolean closedAsPublished() {
        return observedState == CircuitBreaker.State.CLOSED && breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    void acquirePermission() {
        if (closedAsPublished()) {
            return;
        }
        BreakerState caughtUp;
        BreakerState changed;
        synchronized (transitionLock) {
            caughtUp = publishTransition();
            try {
                breaker.acquirePermission();
            } finally {
                changed = publishTransition();
            }
        }
        afterLock(caughtUp);
        afterLock(changed);
    }

    void onSuccess(long nanos) {
        if (closedAsPublished()) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            if (!closedAsPublished()) {
                catchUp();
            }
            return;
        }
        BreakerState caughtUp;
        BreakerState changed;
        synchronized (transitionLock) {
            caughtUp = publishTransition();
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            changed = publishTransition();
        }
        afterLock(caughtUp);
        afterLock(changed);
    }

    void onError(long nanos, Exception error) {
        if (closedAsPublished()) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
            if (!closedAsPublished()) {
                catchUp();
            }
            return;
        }
        BreakerState caughtUp;
        BreakerState changed;
        synchronized (transitionLock) {
            caughtUp = publishTransition();
            breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
            changed = publishTransition();
        }
        afterLock(caughtUp);
        afterLock(changed);
    }

    /** A lock-free step saw the breaker move: publishes what has not been published yet. */
    private void catchUp() {
        BreakerState changed;
        synchronized (transitionLock) {
            changed = publishTransition();
        }
        afterLock(changed);
    }

    /**
     * Publishes the transition since the state last published, if there was one; the caller
     * holds {@link #transitionLock}.
     *
     * @return the state the breaker moved to, or null when it did not move
     */
    private BreakerState publishTransition() {
        CircuitBreaker.State now = breaker.getState();
        if (now == observedState) {
            return null;
        }
        BreakerState from = BreakerState.of(observedState);
        BreakerState to = BreakerState.of(now);
        observedState = now;
        listener.transitioned(from, to);
        return to;
    }

    /** Opens the breaker until {@link #reset()}. */
    void forceOpen() {
        byHand(breaker::transitionToForcedOpenState);
    }

    /** Closes the breaker and forgets its counts. */
    void reset() {
        byHand(breaker::reset);
    }

    /** A transition made by hand (a recovery action): rare, so a lambda's allocation does not matter. */
    private void byHand(Runnable step) {
        BreakerState caughtUp;
        BreakerState changed;
        synchronized (transitionLock) {
            caughtUp = publishTransition();
            step.run();
            changed = publishTransition();
        }
        afterLock(caughtUp);
        afterLock(changed);
    }

    boolean isClosed() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    private void afterLock(BreakerState to) {
        if (to == BreakerState.CLOSED) {
            listener.closed();
        }
    }
}
