package dev.selfheal.incident;

import java.util.regex.Pattern;

/**
 * What kind of problem a {@link Problem} is. An open set: the built-in types are constants here,
 * and configuration may name more (a catalog entry maps any type to actions).
 */
public record ProblemType(String name) {

    // Before the constants: they are validated against it while the class initialises.
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public static final ProblemType INTEGRATION_FAILURE = new ProblemType("integration_failure");
    public static final ProblemType HIGH_MEMORY_USAGE = new ProblemType("high_memory_usage");
    public static final ProblemType HIGH_CPU_USAGE = new ProblemType("high_cpu_usage");
    public static final ProblemType DATABASE_ISSUES = new ProblemType("database_issues");
    public static final ProblemType PERFORMANCE_DEGRADATION = new ProblemType("performance_degradation");
    public static final ProblemType PROCESS_DOWN = new ProblemType("process_down");
    /** A resource of no known kind is forecast to run out within the horizon. */
    public static final ProblemType PREDICTED_EXHAUSTION = new ProblemType("predicted_exhaustion");
    /** A heap or a process's memory is forecast to run out. */
    public static final ProblemType PREDICTED_MEMORY_EXHAUSTION = new ProblemType("predicted_exhaustion_memory");
    /** A disk or a directory's quota is forecast to fill. */
    public static final ProblemType PREDICTED_DISK_EXHAUSTION = new ProblemType("predicted_exhaustion_disk");
    /** A rate-limit quota is forecast to run out before its window resets. */
    public static final ProblemType PREDICTED_QUOTA_EXHAUSTION = new ProblemType("predicted_exhaustion_quota");
    /** A queue (an outbox, a bulkhead) is forecast to fill. */
    public static final ProblemType PREDICTED_QUEUE_EXHAUSTION = new ProblemType("predicted_exhaustion_queue");
    /** A connection pool is forecast to run out of connections. */
    public static final ProblemType PREDICTED_POOL_EXHAUSTION = new ProblemType("predicted_exhaustion_pool");
    /** File descriptors are forecast to run out. */
    public static final ProblemType PREDICTED_FILES_EXHAUSTION = new ProblemType("predicted_exhaustion_files");
    /** A component turned UNHEALTHY and nothing maps its group to a more precise type. */
    public static final ProblemType COMPONENT_UNHEALTHY = new ProblemType("component_unhealthy");

    public ProblemType {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "problem type must be 1-64 lower-case letters, digits or '_', starting with a letter: '%s'".formatted(name));
        }
    }

    public static ProblemType of(String name) {
        return new ProblemType(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
