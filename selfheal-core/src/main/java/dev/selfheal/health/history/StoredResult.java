package dev.selfheal.health.history;

import dev.selfheal.status.HealthCheckResult;

/** One check result as history keeps it. */
public record StoredResult(String component, String group, HealthCheckResult result) { }
