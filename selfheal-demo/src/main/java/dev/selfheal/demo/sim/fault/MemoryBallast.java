package dev.selfheal.demo.sim.fault;

import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory-growth fault: retains heap at a steady rate (one chunk per tick, four ticks a
 * second) up to a cap, and lets it all go when stopped. The chunks are written to, so the
 * memory is really committed and a memory check or anomaly detector sees it grow.
 */
public final class MemoryBallast {

    static final Duration TICK = Duration.ofMillis(250);
    private static final long MIB = 1024L * 1024L;

    private final Scheduler scheduler;
    private final List<byte[]> retained = new ArrayList<>();
    private long retainedBytes;
    private long bytesPerTick;
    private long capBytes;
    private Cancellable tick = Cancellable.NONE;
    private long generation;

    public MemoryBallast(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts (or restarts at a new rate) growing; what is already retained stays. */
    public synchronized void grow(double mibPerSecond, long maxMib) {
        tick.cancel();
        bytesPerTick = Math.max(1, Math.round(mibPerSecond * MIB * TICK.toMillis() / 1000.0));
        capBytes = maxMib * MIB;
        long mine = ++generation;
        schedule(mine);
    }

    /** Stops growing and releases everything retained. */
    public synchronized void release() {
        tick.cancel();
        generation++;
        retained.clear();
        retainedBytes = 0;
    }

    public synchronized long retainedBytes() {
        return retainedBytes;
    }

    private void schedule(long mine) {
        tick = scheduler.schedule(TICK, () -> step(mine));
    }

    private synchronized void step(long mine) {
        if (mine != generation) {
            return;
        }
        long size = Math.min(bytesPerTick, capBytes - retainedBytes);
        if (size > 0) {
            byte[] chunk = new byte[(int) Math.min(size, Integer.MAX_VALUE - 8)];
            for (int i = 0; i < chunk.length; i += 4096) {
                chunk[i] = 1;
            }
            retained.add(chunk);
            retainedBytes += chunk.length;
        }
        schedule(mine);
    }
}
