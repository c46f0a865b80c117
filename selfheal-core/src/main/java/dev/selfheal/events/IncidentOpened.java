package dev.selfheal.events;

import dev.selfheal.incident.Problem;
import java.time.Instant;

/** A problem on a component with no open incident opened a new one. */
public record IncidentOpened(String incidentId, String component, Problem problem, Instant at) implements SelfHealEvent { }
