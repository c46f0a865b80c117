package dev.selfheal.server.config;

import java.util.List;

/**
 * The daemon's whole configuration, as read from one YAML file by {@link ConfigLoader}.
 * Immutable; every part was validated when it was read. {@code toString} shows no secret.
 */
public record Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                     HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations,
                     PerformanceConfig performance) {

    public Config {
        checks = List.copyOf(checks);
        services = List.copyOf(services);
        java.util.Objects.requireNonNull(integrations, "integrations");
        java.util.Objects.requireNonNull(performance, "performance");
    }

    /** A config without a {@code performance:} section (the monitor does not run). */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations) {
        this(server, store, health, checks, healing, services, integrations, PerformanceConfig.disabled());
    }

    /** A config with the seed's guards (no {@code integrations:} section). */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services) {
        this(server, store, health, checks, healing, services, IntegrationsConfig.defaults());
    }

    /** A config without healing settings or services (the seed's healing defaults). */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks) {
        this(server, store, health, checks, HealingConfig.defaults(), List.of());
    }
}
