package dev.selfheal.events;

import dev.selfheal.incident.IncidentState;
import java.time.Instant;

/** An incident moved from one lifecycle state to another, for the reason given. */
public record IncidentStateChanged(String incidentId, String component, IncidentState from, IncidentState to,
                                   Instant at, String reason) implements SelfHealEvent { }
