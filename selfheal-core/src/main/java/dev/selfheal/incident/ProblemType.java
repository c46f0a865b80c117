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
