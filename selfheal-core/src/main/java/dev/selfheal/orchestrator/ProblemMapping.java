package dev.selfheal.orchestrator;

import dev.selfheal.incident.ProblemType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which problem type a component turning UNHEALTHY means: by component name first, then by its
 * check group, else the fallback. Immutable; config builds its own from the defaults.
 *
 * @param byComponent component name → type (e.g. {@code memory → high_memory_usage})
 * @param byGroup     check group → type (e.g. {@code integrations → integration_failure})
 * @param fallback    the type when neither matches
 */
public record ProblemMapping(Map<String, ProblemType> byComponent, Map<String, ProblemType> byGroup, ProblemType fallback) {

    public ProblemMapping {
        byComponent = Map.copyOf(byComponent);
        byGroup = Map.copyOf(byGroup);
        java.util.Objects.requireNonNull(fallback, "fallback");
    }

    /** integrations, database, process, performance groups and the memory and cpu components. */
    public static ProblemMapping defaults() {
        Map<String, ProblemType> groups = new LinkedHashMap<>();
        groups.put("integrations", ProblemType.INTEGRATION_FAILURE);
        groups.put("database", ProblemType.DATABASE_ISSUES);
        groups.put("process", ProblemType.PROCESS_DOWN);
        groups.put("processes", ProblemType.PROCESS_DOWN);
        groups.put("performance", ProblemType.PERFORMANCE_DEGRADATION);
        Map<String, ProblemType> components = Map.of(
                "memory", ProblemType.HIGH_MEMORY_USAGE,
                "cpu", ProblemType.HIGH_CPU_USAGE);
        return new ProblemMapping(components, groups, ProblemType.COMPONENT_UNHEALTHY);
    }

    public ProblemType typeOf(String component, String group) {
        ProblemType byName = byComponent.get(component);
        if (byName != null) {
            return byName;
        }
        return byGroup.getOrDefault(group, fallback);
    }

    public ProblemMapping withGroup(String group, ProblemType type) {
        Map<String, ProblemType> groups = new LinkedHashMap<>(byGroup);
        groups.put(group, type);
        return new ProblemMapping(byComponent, groups, fallback);
    }

    public ProblemMapping withComponent(String component, ProblemType type) {
        Map<String, ProblemType> components = new LinkedHashMap<>(byComponent);
        components.put(component, type);
        return new ProblemMapping(components, byGroup, fallback);
    }
}
