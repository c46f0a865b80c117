package dev.selfheal.server.config;

import java.util.List;

/**
 * The daemon's whole configuration, as read from one YAML file by {@link ConfigLoader}.
 * Immutable; every part was validated when it was read. {@code toString} shows no secret.
 */
public record Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                     HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations,
                     SecurityConfig security, AlertingConfig alerting) {

    public Config {
        checks = List.copyOf(checks);
        services = List.copyOf(services);
        java.util.Objects.requireNonNull(integrations, "integrations");
        java.util.Objects.requireNonNull(security, "security");
        java.util.Objects.requireNonNull(alerting, "alerting");
    }

    /** A config with the seed's guards, without API tokens (the API open, on loopback only), alerts to the log. */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services) {
        this(server, store, health, checks, healing, services, IntegrationsConfig.defaults());
    }

    /** A config without API tokens, alerts to the log. */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations) {
        this(server, store, health, checks, healing, services, integrations, SecurityConfig.none(), AlertingConfig.defaults());
    }

    /** A config with the seed's guards, alerts to the log. */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, SecurityConfig security) {
        this(server, store, health, checks, healing, services, IntegrationsConfig.defaults(), security, AlertingConfig.defaults());
    }

    /** A config without API tokens. */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations,
                  AlertingConfig alerting) {
        this(server, store, health, checks, healing, services, integrations, SecurityConfig.none(), alerting);
    }

    /** A config without healing settings or services (the seed's healing defaults). */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks) {
        this(server, store, health, checks, HealingConfig.defaults(), List.of());
    }
}
