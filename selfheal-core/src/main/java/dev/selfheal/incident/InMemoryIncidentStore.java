package dev.selfheal.incident;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Incidents in memory: for embedding without a database, and for tests. */
public final class InMemoryIncidentStore implements IncidentStore {

    private final Map<String, Incident> incidents = new LinkedHashMap<>();

    @Override
    public synchronized void save(Incident incident) {
        Incident stored = incidents.get(incident.id());
        if (stored != null && stored.timeline().size() > incident.timeline().size()) {
            throw new IllegalStateException("incident %s: timeline may only grow (stored %d entries, given %d)"
                    .formatted(incident.id(), stored.timeline().size(), incident.timeline().size()));
        }
        incidents.put(incident.id(), incident);
    }

    @Override
    public synchronized Optional<Incident> find(String id) {
        return Optional.ofNullable(incidents.get(id));
    }

    @Override
    public synchronized List<Incident> recent(int limit) {
        return incidents.values().stream()
                .sorted(Comparator.comparing(Incident::openedAt).thenComparing(Incident::id).reversed())
                .limit(limit).toList();
    }

    @Override
    public synchronized List<Incident> unresolved() {
        return incidents.values().stream().filter(i -> !i.isResolved())
                .sorted(Comparator.comparing(Incident::openedAt).thenComparing(Incident::id)).toList();
    }
}
