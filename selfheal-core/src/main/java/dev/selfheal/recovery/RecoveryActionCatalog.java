package dev.selfheal.recovery;

import dev.selfheal.incident.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The actions the engine may use, by name, and which ones fit which problem type. The mapping
 * starts as the default table (see {@link #defaultMapping()}) and can be replaced per type.
 * A mapped name with no registered action is skipped when planning, and the plan says so.
 */
public final class RecoveryActionCatalog {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Map<String, RecoveryAction> actions = new ConcurrentHashMap<>();
    private final Map<ProblemType, List<String>> mapping = new ConcurrentHashMap<>();

    public RecoveryActionCatalog() {
        defaultMapping().forEach(mapping::put);
    }

    /** The default problem type → actions table (process_down → restart_service among them). */
    public static Map<ProblemType, List<String>> defaultMapping() {
        Map<ProblemType, List<String>> m = new LinkedHashMap<>();
        m.put(ProblemType.INTEGRATION_FAILURE, List.of("restart_integration", "enable_degradation"));
        m.put(ProblemType.HIGH_MEMORY_USAGE, List.of("garbage_collect", "clear_cache"));
        m.put(ProblemType.HIGH_CPU_USAGE, List.of("scale_resources", "enable_degradation"));
        m.put(ProblemType.DATABASE_ISSUES, List.of("clear_dead_connections", "failover_database"));
        m.put(ProblemType.PERFORMANCE_DEGRADATION, List.of("clear_cache", "scale_resources"));
        m.put(ProblemType.PROCESS_DOWN, List.of("restart_service"));
        // predicted exhaustion, by what runs out: free what can be freed, slow what spends it, restart last
        m.put(ProblemType.PREDICTED_MEMORY_EXHAUSTION, List.of("garbage_collect", "clear_cache", "restart_service"));
        m.put(ProblemType.PREDICTED_QUOTA_EXHAUSTION, List.of("enable_degradation"));
        m.put(ProblemType.PREDICTED_QUEUE_EXHAUSTION, List.of("scale_resources", "enable_degradation"));
        m.put(ProblemType.PREDICTED_POOL_EXHAUSTION, List.of("clear_dead_connections", "scale_resources"));
        m.put(ProblemType.PREDICTED_FILES_EXHAUSTION, List.of("restart_service"));
        return m;
    }

    /** Adds an action, replacing one of the same name. */
    public RecoveryActionCatalog register(RecoveryAction action) {
        if (!NAME.matcher(action.name()).matches()) {
            throw new IllegalArgumentException(
                    "action name must be lower-case letters, digits or '_', starting with a letter: '%s'".formatted(action.name()));
        }
        actions.put(action.name(), action);
        return this;
    }

    /** Replaces the actions mapped to a problem type (in order of preference). */
    public RecoveryActionCatalog map(ProblemType type, List<String> actionNames) {
        for (String name : actionNames) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("catalog mapping for %s: bad action name '%s'".formatted(type, name));
            }
        }
        mapping.put(type, List.copyOf(actionNames));
        return this;
    }

    public Optional<RecoveryAction> action(String name) {
        return Optional.ofNullable(actions.get(name));
    }

    /** The names mapped to a type, registered or not. */
    public List<String> actionNamesFor(ProblemType type) {
        return mapping.getOrDefault(type, List.of());
    }

    /** The registered actions for a type, in mapping order. */
    public List<RecoveryAction> actionsFor(ProblemType type) {
        List<RecoveryAction> found = new ArrayList<>();
        for (String name : actionNamesFor(type)) {
            action(name).ifPresent(found::add);
        }
        return found;
    }

    /** Every problem type with a mapping (the defaults and those mapped since), by name. */
    public List<ProblemType> mappedTypes() {
        return mapping.keySet().stream().sorted(java.util.Comparator.comparing(ProblemType::name)).toList();
    }

    public List<String> names() {
        return actions.keySet().stream().sorted().toList();
    }
}
