package dev.selfheal.demo.sim.fault;

import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults active in one simulator, and the fate each API request meets under them.
 *
 * <p>One fault per mode is active at a time; injecting a mode again replaces it and restarts
 * its request count. Fates are drawn from {@link SeededDraws} by (seed, mode, n-th request
 * since injection), so a run with the same seed and the same request order meets the same
 * errors and delays. Time comes from the injected {@link Scheduler}: unit tests drive a
 * virtual one and never sleep.
 */
public final class FaultController {

    private static final Logger log = LoggerFactory.getLogger(FaultController.class);
    /** The admin answer to a crash request gets this long to leave before the process halts. */
    static final Duration CRASH_GRACE = Duration.ofMillis(100);
    private static final long STREAM_ERROR = 1;
    private static final long STREAM_STATUS = 2;
    private static final long STREAM_LATENCY = 3;

    /** A fault as it is active: since when, until when, how many requests it has seen. */
    public record Active(Fault fault, Instant since, Optional<Instant> until, long requestsSeen) { }

    private final class Entry {
        final Fault fault;
        final Instant since;
        final Optional<Instant> until;
        final AtomicLong requests = new AtomicLong();
        final Optional<HangGate.Generation> hang;

        Entry(Fault fault, Instant since, Optional<HangGate.Generation> hang) {
            this.fault = fault;
            this.since = since;
            this.until = fault.duration().map(since::plus);
            this.hang = hang;
        }

        boolean expired(Instant now) {
            return until.isPresent() && !now.isBefore(until.get());
        }
    }

    private final Scheduler scheduler;
    private final SeededDraws draws;
    private final HangGate hangGate = new HangGate();
    private final MemoryBallast ballast;
    private final ProcessExit exit;
    private final Map<FaultMode, Entry> active = new EnumMap<>(FaultMode.class);

    public FaultController(long seed, Scheduler scheduler, ProcessExit exit) {
        this.scheduler = scheduler;
        this.draws = new SeededDraws(seed);
        this.ballast = new MemoryBallast(scheduler);
        this.exit = exit;
    }

    /** Makes {@code fault} active (replacing one of the same mode), or, for a crash, halts the process shortly. */
    public synchronized void inject(Fault fault) {
        Instant now = scheduler.clock().instant();
        if (fault instanceof Fault.Crash crash) {
            log.warn("event=fault_crash exit_code={} grace_ms={}", crash.exitCode(), CRASH_GRACE.toMillis());
            scheduler.schedule(CRASH_GRACE, () -> exit.halt(crash.exitCode()));
            return;
        }
        remove(fault.mode());
        Optional<HangGate.Generation> hang = fault instanceof Fault.Hang ? Optional.of(hangGate.open()) : Optional.empty();
        Entry entry = new Entry(fault, now, hang);
        active.put(fault.mode(), entry);
        if (fault instanceof Fault.MemoryGrowth growth) {
            ballast.grow(growth.mibPerSecond(), growth.maxMib());
        }
        fault.duration().ifPresent(d -> scheduler.schedule(d, () -> expire(entry)));
        log.info("event=fault_injected mode={} duration_ms={}", fault.mode().wireName(),
                fault.duration().map(Duration::toMillis).map(String::valueOf).orElse("until_cleared"));
    }

    /** Clears one mode; true when it was active. */
    public synchronized boolean clear(FaultMode mode) {
        boolean was = remove(mode);
        if (was) {
            log.info("event=fault_cleared mode={}", mode.wireName());
        }
        return was;
    }

    /** Clears every fault; returns the modes that were active. */
    public synchronized List<FaultMode> clearAll() {
        List<FaultMode> cleared = new ArrayList<>(active.keySet());
        cleared.forEach(this::remove);
        hangGate.releaseAll();
        ballast.release();
        log.info("event=faults_cleared modes={}", cleared);
        return cleared;
    }

    public synchronized List<Active> active() {
        Instant now = scheduler.clock().instant();
        List<Active> list = new ArrayList<>();
        for (Entry entry : active.values()) {
            if (!entry.expired(now)) {
                list.add(new Active(entry.fault, entry.since, entry.until, entry.requests.get()));
            }
        }
        return list;
    }

    public long retainedBytes() {
        return ballast.retainedBytes();
    }

    /** Decides what the active faults do to the next API request (admin requests never come here). */
    public synchronized RequestFate nextRequest() {
        Instant now = scheduler.clock().instant();
        Optional<HangGate.Generation> hang = live(FaultMode.HANG, now).flatMap(entry -> {
            entry.requests.incrementAndGet();
            return entry.hang;
        });
        Duration delay = live(FaultMode.LATENCY, now).map(entry -> {
            Fault.Latency latency = (Fault.Latency) entry.fault;
            long n = entry.requests.getAndIncrement();
            long spread = latency.max().toMillis() - latency.min().toMillis();
            return latency.min().plusMillis(Math.round(draws.unit(STREAM_LATENCY, n) * spread));
        }).orElse(Duration.ZERO);
        Optional<RequestFate.InjectedError> error = live(FaultMode.ERROR_RATE, now).flatMap(entry -> {
            Fault.ErrorRate rate = (Fault.ErrorRate) entry.fault;
            long n = entry.requests.getAndIncrement();
            if (draws.unit(STREAM_ERROR, n) >= rate.rate()) {
                return Optional.empty();
            }
            int status = rate.statuses().get(draws.below(STREAM_STATUS, n, rate.statuses().size()));
            return Optional.of(new RequestFate.InjectedError(status, rate.phase()));
        });
        Optional<Instant> rateLimitedUntil = live(FaultMode.RATE_LIMIT, now).flatMap(entry -> {
            entry.requests.incrementAndGet();
            return entry.until;
        });
        return new RequestFate(hang, delay, error, rateLimitedUntil);
    }

    private Optional<Entry> live(FaultMode mode, Instant now) {
        Entry entry = active.get(mode);
        return entry == null || entry.expired(now) ? Optional.empty() : Optional.of(entry);
    }

    private synchronized void expire(Entry entry) {
        if (active.get(entry.fault.mode()) == entry) {
            remove(entry.fault.mode());
            log.info("event=fault_expired mode={}", entry.fault.mode().wireName());
        }
    }

    private boolean remove(FaultMode mode) {
        Entry entry = active.remove(mode);
        if (entry == null) {
            return false;
        }
        entry.hang.ifPresent(hangGate::release);
        if (mode == FaultMode.MEMORY_GROWTH) {
            ballast.release();
        }
        return true;
    }
}
