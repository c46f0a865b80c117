package dev.selfheal.recovery.actions;

/**
 * Restarts one integration's client: reset its circuit breaker, rebuild the client or pool.
 * The guards capability registers one per integration.
 */
@FunctionalInterface
public interface IntegrationRestarter {
    /** Returns one line saying what was done. */
    String restart(String integration) throws Exception;
}
