package dev.selfheal.demo.sim.fault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One injected fault. Every mode but {@code crash} stays active until it is cleared or its
 * optional duration has passed; {@code crash} acts once.
 */
public sealed interface Fault {

    FaultMode mode();

    /** How long it stays active; empty means until cleared. */
    Optional<Duration> duration();

    /** Where an injected error happens relative to the request's effect. */
    enum Phase {
        /** The error answer replaces the request: nothing is applied. */
        BEFORE,
        /** The request is applied, then its answer is replaced by the error (the answer is "lost"). */
        AFTER
    }

    /** A fraction of requests answered with one of {@code statuses}. */
    record ErrorRate(double rate, List<Integer> statuses, Phase phase, Optional<Duration> duration) implements Fault {
        public ErrorRate {
            statuses = List.copyOf(statuses);
        }

        @Override
        public FaultMode mode() {
            return FaultMode.ERROR_RATE;
        }
    }

    /** A delay added before each answer, uniform in [{@code min}, {@code max}] (equal for a fixed delay). */
    record Latency(Duration min, Duration max, Optional<Duration> duration) implements Fault {
        @Override
        public FaultMode mode() {
            return FaultMode.LATENCY;
        }
    }

    /** Requests are accepted and never answered while the fault lasts; {@code /_admin} still answers. */
    record Hang(Optional<Duration> duration) implements Fault {
        @Override
        public FaultMode mode() {
            return FaultMode.HANG;
        }
    }

    /** The process exits at once with {@code exitCode}. */
    record Crash(int exitCode) implements Fault {
        @Override
        public FaultMode mode() {
            return FaultMode.CRASH;
        }

        @Override
        public Optional<Duration> duration() {
            return Optional.empty();
        }
    }

    /** The quota is exhausted for the duration: every request gets the API's rate-limited answer. */
    record RateLimit(Duration length) implements Fault {
        @Override
        public FaultMode mode() {
            return FaultMode.RATE_LIMIT;
        }

        @Override
        public Optional<Duration> duration() {
            return Optional.of(length);
        }
    }

    /** The process retains {@code mibPerSecond} MiB more heap each second, up to {@code maxMib}. */
    record MemoryGrowth(double mibPerSecond, long maxMib, Optional<Duration> duration) implements Fault {
        @Override
        public FaultMode mode() {
            return FaultMode.MEMORY_GROWTH;
        }
    }
}
