package dev.selfheal.server.config;

import java.util.List;

/**
 * The daemon's whole configuration, as read from one YAML file by {@link ConfigLoader}.
 * Immutable; every part was validated when it was read. {@code toString} shows no secret.
 *
 * <p>The shorter constructors are for code (tests, embedding) that builds a config by hand:
 * each leaves the sections it does not name at their defaults.
 */
public record Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                     HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations,
                     SecurityConfig security, AlertingConfig alerting, PerformanceConfig performance,
                     ClusterConfig cluster) {

    public Config {
        java.util.Objects.requireNonNull(cluster, "cluster");
        checks = List.copyOf(checks);
        services = List.copyOf(services);
        java.util.Objects.requireNonNull(integrations, "integrations");
        java.util.Objects.requireNonNull(security, "security");
        java.util.Objects.requireNonNull(alerting, "alerting");
        java.util.Objects.requireNonNull(performance, "performance");
    }

    /** A single node (no {@code cluster:} section). */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations,
                  SecurityConfig security, AlertingConfig alerting, PerformanceConfig performance) {
        this(server, store, health, checks, healing, services, integrations, security, alerting, performance, ClusterConfig.none());
    }

    /** This config as node {@code cluster.nodeId()} of a cluster. */
    public Config withCluster(ClusterConfig value) {
        return new Config(server, store, health, checks, healing, services, integrations, security, alerting, performance, value);
    }

    /** The default guards, no API tokens (the API open, on loopback only), alerts to the log, no performance monitor. */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services) {
        this(server, store, health, checks, healing, services, IntegrationsConfig.defaults());
    }

    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations) {
        this(server, store, health, checks, healing, services, integrations, SecurityConfig.none(),
                AlertingConfig.defaults(), PerformanceConfig.disabled());
    }

    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, SecurityConfig security) {
        this(server, store, health, checks, healing, services, IntegrationsConfig.defaults(), security,
                AlertingConfig.defaults(), PerformanceConfig.disabled());
    }

    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations,
                  AlertingConfig alerting) {
        this(server, store, health, checks, healing, services, integrations, SecurityConfig.none(), alerting,
                PerformanceConfig.disabled());
    }

    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks,
                  HealingConfig healing, List<ServiceConfig> services, IntegrationsConfig integrations,
                  PerformanceConfig performance) {
        this(server, store, health, checks, healing, services, integrations, SecurityConfig.none(),
                AlertingConfig.defaults(), performance);
    }

    /** No healing settings or services (the healing defaults). */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks) {
        this(server, store, health, checks, HealingConfig.defaults(), List.of());
    }
}
