package dev.selfheal.demo.sim.fault;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where hung requests wait. Each hang fault opens a new generation; clearing the fault (or
 * its duration ending) releases that generation only, so a timer left over from an earlier
 * hang never frees requests caught by a later one.
 */
public final class HangGate {

    /** One hang: requests caught by it wait until it is released. */
    public static final class Generation {
        private final CountDownLatch released = new CountDownLatch(1);

        /** Blocks until released or {@code atMost} has passed; true when released. */
        public boolean await(Duration atMost) throws InterruptedException {
            return released.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
        }

        public boolean isReleased() {
            return released.getCount() == 0;
        }

        void release() {
            released.countDown();
        }
    }

    private Generation current;

    /** Starts a new hang (releasing any earlier one) and returns it. */
    synchronized Generation open() {
        if (current != null) {
            current.release();
        }
        current = new Generation();
        return current;
    }

    synchronized void release(Generation generation) {
        generation.release();
        if (current == generation) {
            current = null;
        }
    }

    synchronized void releaseAll() {
        if (current != null) {
            current.release();
            current = null;
        }
    }
}
