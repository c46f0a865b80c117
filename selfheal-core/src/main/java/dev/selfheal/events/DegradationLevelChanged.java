package dev.selfheal.events;

import java.time.Instant;

/** The degradation level changed (levels 0 full service … 4 maintenance mode). */
public record DegradationLevelChanged(int from, int to, double score, String reason, Instant at) implements SelfHealEvent { }
