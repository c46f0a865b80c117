package dev.selfheal.resilience;

import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds an attempt's duration without moving it to another thread: the attempt runs on the
 * caller's thread, and when its deadline passes, the watchdog interrupts that thread.
 *
 * <p>Why not Resilience4j's {@code TimeLimiter.decorateFutureSupplier}: it needs a
 * {@code Future}, so every attempt hops to another thread (a virtual thread here). That hop
 * was the whole cost of a guarded call (about 15 µs and 400 B, against 250 ns for the rest of
 * the guard), and it hides the caller's thread-locals (MDC, tracing context) from the call.
 * Failsafe's {@code Timeout.withInterrupt} works the same way as this class; this one
 * allocates nothing per attempt. The guard still reports each outcome to its Resilience4j
 * {@code TimeLimiter}, so that limiter's events and meters keep working.
 *
 * <p>How: each thread has a reusable {@link Slot} (one more per level of nesting, when a
 * guarded call makes another). Starting an attempt writes the deadline and a new generation
 * into the slot; a sweep on the {@link Scheduler}, every {@code resolution} while any attempt
 * runs and not at all when none does, interrupts the threads whose deadline has passed. The
 * slot's state moves RUNNING to IDLE (the attempt ended first) or RUNNING to FIRING to FIRED
 * (the watchdog won) by compare-and-set, tagged with the generation, so an interrupt can
 * never reach a later attempt or other code on that thread. An attempt that ends after its
 * deadline counts as timed out whether or not it noticed the interrupt, and the interrupt
 * flag the watchdog set is cleared before the caller goes on.
 *
 * <p>What this cannot do: stop a call that ignores interruption. Such a call ends late and
 * is then reported as a timeout. The JDK's {@code HttpClient.send}, blocking I/O on virtual
 * threads, {@code Thread.sleep} and the {@code java.util.concurrent} waits all answer an
 * interrupt.
 */
final class TimeLimitWatchdog {

    private static final long IDLE = 0;
    private static final long RUNNING = 1;
    private static final long FIRING = 2;
    private static final long FIRED = 3;
    private static final int PHASE_BITS = 2;
    private static final long PHASE_MASK = (1 << PHASE_BITS) - 1;

    private final Scheduler time;
    private final Duration resolution;
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Slot> slotOfThread = ThreadLocal.withInitial(this::newSlot);
    private final AtomicBoolean armed = new AtomicBoolean();
    private final Runnable sweepTask = this::sweep;
    private volatile boolean closed;

    /** @param resolution positive; {@link GuardRegistry.Builder#timeLimitResolution} checks it */
    TimeLimitWatchdog(Scheduler time, Duration resolution) {
        this.time = time;
        this.resolution = resolution;
    }

    /** Starts watching an attempt on the calling thread; the caller must {@link Slot#end()} it. */
    Slot begin(long limitNanos) {
        Slot slot = slotOfThread.get();
        while (slot.isBusy()) {
            slot = slot.nested(); // a guarded call inside a guarded call on the same thread
        }
        slot.begin(time.nanoTime() + limitNanos);
        if (!armed.get()) {
            arm();
        }
        return slot;
    }

    private Slot newSlot() {
        Slot slot = new Slot(this, Thread.currentThread());
        slots.add(slot);
        return slot;
    }

    private void arm() {
        if (!closed && armed.compareAndSet(false, true)) {
            time.schedule(resolution, sweepTask);
        }
    }

    /** Runs on the scheduler: interrupts late attempts, forgets dead threads, re-arms while anything runs. */
    private void sweep() {
        long now = time.nanoTime();
        boolean running = false;
        for (Slot slot : slots) {
            if (slot.fireIfLate(now)) {
                continue;
            }
            if (slot.isBusy()) {
                running = true;
            } else if (!slot.thread.isAlive()) {
                slots.remove(slot);
            }
        }
        if (closed) {
            return;
        }
        if (running) {
            time.schedule(resolution, sweepTask);
            return;
        }
        // Disarm, then look again: an attempt that began after the scan above and saw
        // "armed" still true would otherwise go unwatched. Both sides write, then read, volatile
        // fields, so at least one of them sees the other.
        armed.set(false);
        for (Slot slot : slots) {
            if (slot.isBusy()) {
                arm();
                return;
            }
        }
    }

    /** Stops sweeping; attempts still running are no longer bounded. */
    void close() {
        closed = true;
    }

    /** Attempts being watched now (for tests and diagnostics). */
    int running() {
        int n = 0;
        for (Slot slot : slots) {
            if (slot.isBusy()) {
                n++;
            }
        }
        return n;
    }

    /** One thread's watch over its current attempt; reused for every attempt on that thread. */
    static final class Slot {
        private final TimeLimitWatchdog owner;
        private final Thread thread;
        /** generation << 2 | phase. */
        private final AtomicLong state = new AtomicLong();
        /** Written by the owning thread before the state that publishes it. */
        private long deadlineNanos;
        private Slot nested;

        private Slot(TimeLimitWatchdog owner, Thread thread) {
            this.owner = owner;
            this.thread = thread;
        }

        private boolean isBusy() {
            return (state.get() & PHASE_MASK) != IDLE;
        }

        private Slot nested() {
            if (nested == null) {
                nested = new Slot(owner, thread);
                owner.slots.add(nested);
            }
            return nested;
        }

        private void begin(long deadline) {
            deadlineNanos = deadline;
            long generation = (state.get() >>> PHASE_BITS) + 1;
            // A volatile write (not a release): the watchdog's disarm check relies on it.
            state.set(generation << PHASE_BITS | RUNNING);
        }

        /**
         * Ends the attempt. Returns true when it outlived its deadline: the watchdog
         * interrupted this thread, and the flag it set has been cleared.
         */
        boolean end() {
            long s = state.get();
            long generation = s >>> PHASE_BITS;
            if ((s & PHASE_MASK) == RUNNING && state.compareAndSet(s, generation << PHASE_BITS | IDLE)) {
                return false;
            }
            // The watchdog won; wait the few microseconds until its interrupt has landed, so
            // that clearing the flag below cannot race with it.
            while ((state.get() & PHASE_MASK) == FIRING) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            state.set(generation << PHASE_BITS | IDLE);
            return true;
        }

        /** Watchdog side: interrupts the thread when the attempt is late. True when it fired. */
        private boolean fireIfLate(long now) {
            long s = state.get();
            if ((s & PHASE_MASK) != RUNNING || now - deadlineNanos < 0) {
                return false;
            }
            long generation = s >>> PHASE_BITS;
            if (!state.compareAndSet(s, generation << PHASE_BITS | FIRING)) {
                return false; // it ended (or a newer attempt began) meanwhile
            }
            thread.interrupt();
            state.set(generation << PHASE_BITS | FIRED);
            return true;
        }
    }
}
