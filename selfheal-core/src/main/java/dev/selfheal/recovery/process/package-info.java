/**
 * Supervising long-running children that {@code restart_service} restarts, and restarting a
 * service by a command. Commands run and process trees end through {@code dev.selfheal.process},
 * the one place every child of selfheal is started.
 *
 * <p>Layer: response, a part of recovery. Uses {@code recovery} (action results),
 * {@code health} (a supervised process is also a check), {@code process} and {@code status}.
 */
package dev.selfheal.recovery.process;
