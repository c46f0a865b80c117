package dev.selfheal.server.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads the {@code cluster:} section. A cluster needs a PostgreSQL store: a SQLite file belongs
 * to one machine, so a second node on it is refused here, before anything starts.
 *
 * <pre>
 * cluster:
 *   node-id: node-a        # unique per node
 *   lease: 3s              # how long the leader's lease lasts without renewal
 *   renew: 1s              # heartbeat and renewal period; shorter than the lease
 *   advertise: 10.0.0.5:8080
 * </pre>
 */
final class ClusterConfigReader {

    private ClusterConfigReader() {
    }

    static ClusterConfig read(MappingReader top, StoreConfig store) {
        if (!top.has("cluster")) {
            return ClusterConfig.none();
        }
        MappingReader m = top.section("cluster");
        Optional<String> nodeId = m.requiredText("node-id");
        nodeId.filter(id -> id.length() > 128 || !id.matches("[A-Za-z0-9._:-]+")).ifPresent(id ->
                m.problem("node-id", "must be 1 to 128 letters, digits or . _ : -, got '%s'".formatted(id)));
        Duration lease = m.duration("lease", ClusterConfig.DEFAULT_LEASE, Duration.ofMillis(100));
        Duration renew = m.duration("renew", ClusterConfig.DEFAULT_RENEW, Duration.ofMillis(10));
        if (renew.compareTo(lease) >= 0) {
            m.problem("renew", "must be shorter than cluster.lease (%s), or the lease lapses between renewals; got %s"
                    .formatted(Durations.format(lease), Durations.format(renew)));
        }
        Optional<String> advertise = m.text("advertise").filter(s -> !s.isBlank());
        m.rejectUnknownKeys();
        if (!store.url().startsWith("jdbc:postgresql:")) {
            m.problemHere("needs a PostgreSQL store (store.url jdbc:postgresql://...): "
                    + "a SQLite file belongs to one machine, so a second node cannot share it");
        }
        return new ClusterConfig(nodeId, lease, renew, advertise);
    }
}
