/**
 * Child processes: running a command with a timeout that kills its whole process tree, and
 * supervising long-running children that {@code restart_service} restarts.
 *
 * <p>Layer: response, a part of recovery. Uses {@code recovery} (action results),
 * {@code health} (a supervised process is also a check) and {@code status}.
 */
package dev.selfheal.recovery.process;
