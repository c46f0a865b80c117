package dev.selfheal.server.api;

import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.history.HealthHistoryStore;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.SecretMasker;
import dev.selfheal.server.metrics.SelfHealMetrics;
import java.util.function.Supplier;

/** What the API reads from: the engine, history, metrics, the config (redacted when shown) and readiness. */
public record ApiContext(
        HealthCheckManager manager,
        HealthHistoryStore history,
        SelfHealMetrics metrics,
        Config config,
        SecretMasker masker,
        Supplier<Readiness> readiness) { }
