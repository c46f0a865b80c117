package dev.selfheal.events;

import java.time.Instant;

/** An alert moved from one status to another ({@code firing}, {@code held}, {@code sent}, {@code acknowledged}, {@code resolved}). */
public record AlertStatusChanged(String alertId, String fingerprint, String component, String from, String to,
                                 String reason, Instant at) implements SelfHealEvent { }
