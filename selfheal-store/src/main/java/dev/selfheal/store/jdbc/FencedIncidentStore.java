package dev.selfheal.store.jdbc;

import dev.selfheal.cluster.FencedOutException;
import dev.selfheal.cluster.FencingToken;
import dev.selfheal.cluster.LeaseFence;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentStore;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The incident store of a node in a cluster: an incident is written (opened, merged, moved,
 * given a timeline line) only under the current lease, checked in the write's own transaction
 * as {@link FencedRecoveryJournal} does. A node that woke from a pause and still runs its loop
 * for a moment before it learns it was deposed cannot open or move an incident: the write is
 * refused with {@link FencedOutException} and nothing of it is stored. Reads are not fenced.
 */
public final class FencedIncidentStore implements IncidentStore {

    private final Jdbi jdbi;
    private final JdbcIncidentStore incidents;
    private final LeaseFence fence;

    public FencedIncidentStore(Database database, LeaseFence fence) {
        new JdbcLeaseStore(database); // refuses SQLite with the cluster's own message
        this.jdbi = database.jdbi();
        this.incidents = new JdbcIncidentStore(database);
        this.fence = fence;
    }

    @Override
    public void save(Incident incident) {
        FencingToken token = fence.current().orElseThrow(() -> new FencedOutException(
                "incident %s not written: this node does not hold the lease".formatted(incident.id())));
        jdbi.useTransaction(h -> {
            if (!JdbcLeaseStore.isCurrent(h, token)) {
                throw new FencedOutException("incident %s refused: token %d of lease '%s' is no longer current"
                        .formatted(incident.id(), token.value(), token.lease()));
            }
            JdbcIncidentStore.write(h, incident);
        });
    }

    @Override
    public Optional<Incident> find(String id) {
        return incidents.find(id);
    }

    @Override
    public List<Incident> recent(int limit) {
        return incidents.recent(limit);
    }

    @Override
    public List<Incident> unresolved() {
        return incidents.unresolved();
    }
}
