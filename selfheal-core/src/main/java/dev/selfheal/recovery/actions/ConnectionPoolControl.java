package dev.selfheal.recovery.actions;

/**
 * A connection pool that can drop its connections: HikariCP's
 * {@code HikariPoolMXBean.softEvictConnections()} fits (idle ones close now, busy ones when
 * returned). The adapter lives outside core.
 */
@FunctionalInterface
public interface ConnectionPoolControl {
    void softEvictConnections();
}
