package dev.selfheal.server.config;

import java.util.List;

/**
 * The daemon's whole configuration, as read from one YAML file by {@link ConfigLoader}.
 * Immutable; every part was validated when it was read. {@code toString} shows no secret.
 */
public record Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                     HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations,
                     SecurityConfig security) {

    public Config {
        checks = List.copyOf(checks);
        services = List.copyOf(services);
        java.util.Objects.requireNonNull(integrations, "integrations");
        java.util.Objects.requireNonNull(security, "security");
    }

    /** A config with the seed's guards and without API tokens (the API open, on loopback only). */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services) {
        this(server, store, health, checks, healing, services, IntegrationsConfig.defaults(), SecurityConfig.none());
    }

    /** A config without API tokens. */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations) {
        this(server, store, health, checks, healing, services, integrations, SecurityConfig.none());
    }

    /** A config with the seed's guards. */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, SecurityConfig security) {
        this(server, store, health, checks, healing, services, IntegrationsConfig.defaults(), security);
    }

    /** A config without healing settings or services (the seed's healing defaults). */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks) {
        this(server, store, health, checks, HealingConfig.defaults(), List.of());
    }
}
