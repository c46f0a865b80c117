package dev.selfheal.store;

import dev.selfheal.health.HealthCheckResult;

/** One check result as history keeps it. */
public record StoredResult(String component, String group, HealthCheckResult result) { }
