package dev.selfheal.events;

import java.time.Instant;

/** A silence ends soon: its creator is reminded so that it can be extended on purpose, not by accident. */
public record SilenceExpiring(String silenceId, String createdBy, String comment, Instant endsAt, Instant at) implements SelfHealEvent { }
