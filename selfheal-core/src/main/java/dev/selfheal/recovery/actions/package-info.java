/**
 * The built-in recovery actions, by their catalog names: {@code restart_integration},
 * {@code restart_service}, {@code clear_cache}, {@code garbage_collect},
 * {@code clear_dead_connections}, {@code failover_database}, {@code scale_resources},
 * {@code enable_degradation}, and generic command and HTTP-hook actions; with the small
 * interfaces a service registers to make them act on its things (caches, pools, scalers,
 * restarters).
 *
 * <p>Layer: response, above {@code recovery}. Uses {@code recovery} and its
 * {@code process} and {@code db} parts, and {@code degradation}.
 */
package dev.selfheal.recovery.actions;
