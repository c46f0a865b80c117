package dev.selfheal.learning;

import dev.selfheal.health.ComponentHealth;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.status.HealthStatus;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * What the learning system reads about the rest of the system when an incident is planned or
 * recorded: the component's kind, the other unhealthy components, the degradation level.
 * Reads are in-memory and cheap: they run on the engine's thread.
 */
public interface IncidentSurroundings {

    /** The component's kind; effectiveness is learned per kind, since what fixes a database is not what fixes an API. */
    String kindOf(String component);

    List<String> unhealthyOtherThan(String component);

    int degradationLevel();

    /** Nothing known: every component is its own kind, nothing else is unhealthy, level 0. */
    static IncidentSurroundings none() {
        return new IncidentSurroundings() {
            @Override
            public String kindOf(String component) {
                return component;
            }

            @Override
            public List<String> unhealthyOtherThan(String component) {
                return List.of();
            }

            @Override
            public int degradationLevel() {
                return 0;
            }
        };
    }

    /** From the health checks (kind = the check's group) and a degradation level supplier. */
    static IncidentSurroundings of(HealthCheckManager health, IntSupplier degradationLevel) {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(degradationLevel, "degradationLevel");
        return new IncidentSurroundings() {
            @Override
            public String kindOf(String component) {
                return health.definition(component).map(d -> d.group()).orElse(component);
            }

            @Override
            public List<String> unhealthyOtherThan(String component) {
                return health.report().groups().stream().flatMap(g -> g.components().stream())
                        .filter(c -> c.status() == HealthStatus.UNHEALTHY && !c.name().equals(component))
                        .map(ComponentHealth::name).sorted().toList();
            }

            @Override
            public int degradationLevel() {
                return degradationLevel.getAsInt();
            }
        };
    }
}
