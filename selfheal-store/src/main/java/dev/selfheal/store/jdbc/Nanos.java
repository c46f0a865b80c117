package dev.selfheal.store.jdbc;

import java.time.Instant;

/** Instants as epoch nanoseconds in a BIGINT: exact round trip, ordered, the same in both dialects. */
final class Nanos {

    private Nanos() { }

    static long of(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    static Instant at(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
