package dev.selfheal.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * A node as the membership table sees it. {@code silentFor} is measured on the database's clock.
 */
public record Member(String nodeId, String instance, String address, Instant startedAt, Instant heartbeatAt,
                     Duration silentFor) {

    /** Alive when its last heartbeat is younger than {@code within}. */
    public boolean aliveWithin(Duration within) {
        return silentFor.compareTo(within) < 0;
    }
}
