package dev.selfheal.store.jdbc;

import dev.selfheal.cluster.FencedOutException;
import dev.selfheal.cluster.LeaseFence;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentStore;
import java.util.List;
import java.util.Optional;

/**
 * The incident store of a node in a cluster: an incident is written (opened, merged, moved,
 * given a timeline line) only under the current lease, checked in the write's own transaction
 * ({@link FencedWrite}). A node that woke from a pause and still runs its loop
 * for a moment before it learns it was deposed cannot open or move an incident: the write is
 * refused with {@link FencedOutException} and nothing of it is stored. Reads are not fenced.
 */
public final class FencedIncidentStore implements IncidentStore {

    private final FencedWrite fenced;
    private final JdbcIncidentStore incidents;

    public FencedIncidentStore(Database database, LeaseFence fence) {
        this.fenced = new FencedWrite(database, fence);
        this.incidents = new JdbcIncidentStore(database);
    }

    @Override
    public void save(Incident incident) {
        fenced.run("incident " + incident.id(), "not written", (h, token) -> JdbcIncidentStore.write(h, incident));
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
