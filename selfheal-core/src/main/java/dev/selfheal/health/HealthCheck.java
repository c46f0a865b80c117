package dev.selfheal.health;

import dev.selfheal.status.HealthCheckResult;

/**
 * The health-check SPI: look at one thing and say how it is.
 *
 * <p>A check may block (it runs on a virtual thread) and should honour interruption: the
 * engine interrupts it when its timeout passes. Exceptions are fine: a check that throws
 * becomes UNHEALTHY with "Health check failed: &lt;reason&gt;". Latency and timestamp of the
 * returned result are filled in by the engine.
 *
 * <p>Implementations run the contract kit {@code HealthCheckContract} from the core test jar.
 */
@FunctionalInterface
public interface HealthCheck {

    HealthCheckResult check() throws Exception;

    /** Releases what the check holds (connections, clients). Called when it is unregistered. */
    default void close() { }
}
