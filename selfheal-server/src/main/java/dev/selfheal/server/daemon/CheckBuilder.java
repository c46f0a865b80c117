package dev.selfheal.server.daemon;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.server.config.CheckConfig;

/** Turns a configured check into a runnable one. {@link CheckFactory} builds the built-in types. */
@FunctionalInterface
public interface CheckBuilder {

    /** The check; throws {@link IllegalArgumentException} with a reason when the settings cannot work. */
    HealthCheck build(CheckConfig config);
}
