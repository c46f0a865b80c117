package dev.selfheal.demo.sim.fault;

/** How a crash fault ends the process; tests substitute one that records the code. */
@FunctionalInterface
public interface ProcessExit {

    void halt(int exitCode);

    /** Ends the JVM at once: no shutdown hooks, no flushing, as a real crash. */
    ProcessExit RUNTIME_HALT = code -> Runtime.getRuntime().halt(code);
}
