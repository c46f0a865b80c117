package dev.selfheal.alerting;

import dev.selfheal.incident.IncidentState;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the alerting pipeline knows of incidents, kept from incident events: each incident's
 * state and which components have one open. The pipeline asks it for healing awareness
 * (is this incident being mitigated?) and inhibition (does an upstream component have an
 * open incident?). Resolved incidents are forgotten.
 */
public final class TrackedIncidents {

    private record Tracked(String component, IncidentState state) { }

    private final Map<String, Tracked> incidents = new HashMap<>();
    private final Map<String, Set<String>> openByComponent = new HashMap<>();

    public synchronized void update(String incidentId, String component, IncidentState state) {
        if (state == IncidentState.RESOLVED) {
            incidents.remove(incidentId);
            Set<String> ids = openByComponent.get(component);
            if (ids != null) {
                ids.remove(incidentId);
                if (ids.isEmpty()) {
                    openByComponent.remove(component);
                }
            }
            return;
        }
        incidents.put(incidentId, new Tracked(component, state));
        openByComponent.computeIfAbsent(component, k -> new LinkedHashSet<>()).add(incidentId);
    }

    public synchronized Optional<IncidentState> state(String incidentId) {
        Tracked t = incidents.get(incidentId);
        return t == null ? Optional.empty() : Optional.of(t.state());
    }

    public synchronized boolean hasOpenIncident(String component) {
        return openByComponent.containsKey(component);
    }

    public synchronized Optional<String> openIncidentOf(String component) {
        Set<String> ids = openByComponent.get(component);
        return ids == null || ids.isEmpty() ? Optional.empty() : Optional.of(ids.iterator().next());
    }
}
