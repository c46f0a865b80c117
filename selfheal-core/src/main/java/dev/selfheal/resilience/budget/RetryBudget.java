package dev.selfheal.resilience.budget;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A retry budget after Finagle's: over a sliding window, retries may not exceed a share of
 * the calls plus a small reserve. No JVM resilience library has one (resilience4j#172), yet it
 * is what keeps an outage from turning every call into {@code maxAttempts} calls.
 *
 * <p>The window is ten slots on an injected monotonic clock. Counting a call is lock-free (it
 * is on every call's path); taking a retry locks, so that two threads cannot both take the
 * last one: retries never exceed the budget. A call in the slot the last one counted in finds
 * it in {@link #current} (two compares, no division: a 64-bit division costs more than the
 * rest of the count on the guard's path); only the first call of a new slot divides.
 */
public final class RetryBudget {

    private static final int SLOTS = 10;

    private final double ratio;
    private final long reserve;
    private final long slotNanos;
    private final LongSupplier nanoTime;
    private final AtomicLongArray epochs = new AtomicLongArray(SLOTS);
    /** Calls per slot: LongAdders, since every guarded call counts one and threads must not contend on it. */
    private final LongAdder[] calls = new LongAdder[SLOTS];
    private final AtomicLongArray retries = new AtomicLongArray(SLOTS);
    private final LongAdder refusals = new LongAdder();
    private final LongAdder granted = new LongAdder();
    /** The slot calls were last counted in, with the span of the clock it covers. */
    private volatile Current current = new Current(0, 0, -1);

    /** Slot {@code index} holds the calls from {@code startNanos} (inclusive) to {@code endNanos} (exclusive). */
    private record Current(long startNanos, long endNanos, int index) { }

    public RetryBudget(RetryBudgetSettings settings, LongSupplier nanoTime) {
        this.ratio = settings.retryRatio();
        this.reserve = settings.reserve();
        this.slotNanos = Math.max(1, settings.window().toNanos() / SLOTS);
        this.nanoTime = nanoTime;
        for (int i = 0; i < SLOTS; i++) {
            epochs.set(i, Long.MIN_VALUE);
            calls[i] = new LongAdder();
        }
    }

    /** A first attempt was made (retries are not calls: they do not earn budget). */
    public void recordCall() {
        recordCallAt(nanoTime.getAsLong());
    }

    /** As {@link #recordCall()}, at {@code nowNanos} read from this budget's clock by the caller. */
    public void recordCallAt(long nowNanos) {
        Current c = current;
        if (nowNanos - c.startNanos >= 0 && nowNanos - c.endNanos < 0) {
            calls[c.index].increment();
            return;
        }
        int i = slot(nowNanos);
        long start = Math.floorDiv(nowNanos, slotNanos) * slotNanos;
        current = new Current(start, start + slotNanos, i);
        calls[i].increment();
    }

    /** Takes one retry from the budget; false (and a refusal counted) when none is left. */
    public synchronized boolean tryAcquireRetry() {
        long now = nanoTime.getAsLong();
        int current = slot(now);
        if (left(now) > 0) {
            retries.incrementAndGet(current);
            granted.increment();
            return true;
        }
        refusals.increment();
        return false;
    }

    /** Retries the budget would grant now (it may change with the next call or retry). */
    public synchronized long available() {
        return Math.max(0, left(nanoTime.getAsLong()));
    }

    /** Retries allowed by the calls in the window ending at {@code now}, less those taken in it (may be negative). */
    private long left(long now) {
        long epoch = Math.floorDiv(now, slotNanos);
        long c = 0;
        long r = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (epochs.get(i) > epoch - SLOTS) {
                c += calls[i].sum();
                r += retries.get(i);
            }
        }
        return (long) Math.floor(c * ratio) + reserve - r;
    }

    private int slot(long now) {
        long epoch = Math.floorDiv(now, slotNanos);
        int i = (int) Math.floorMod(epoch, SLOTS);
        if (epochs.get(i) != epoch) {
            synchronized (this) {
                if (epochs.get(i) != epoch) {
                    calls[i].reset();
                    retries.set(i, 0);
                    epochs.set(i, epoch);
                }
            }
        }
        return i;
    }

    /** Retries refused since start. */
    public long refusals() {
        return refusals.sum();
    }

    /** Retries granted since start. */
    public long granted() {
        return granted.sum();
    }
}
