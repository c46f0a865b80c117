package dev.selfheal.server.config;

import java.util.List;

/**
 * The daemon's whole configuration, as read from one YAML file by {@link ConfigLoader}.
 * Immutable; every part was validated when it was read. {@code toString} shows no secret.
 */
public record Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks, AlertingConfig alerting) {

    public Config {
        checks = List.copyOf(checks);
    }

    /** A config without an {@code alerting:} section (alerts go to the log). */
    public Config(ServerConfig server, StoreConfig store, HealthConfig health, List<CheckConfig> checks) {
        this(server, store, health, checks, AlertingConfig.defaults());
    }
}
