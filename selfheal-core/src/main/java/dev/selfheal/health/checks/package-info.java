/**
 * The built-in checks a service or the daemon registers: HTTP, TCP, JDBC, process, command,
 * disk, JVM, system, and an integration's guard ({@link dev.selfheal.health.checks.GuardHealthCheck}),
 * with the helpers they share (reasons from exceptions, validation of their settings). What a
 * check says goes through {@code redaction} first.
 *
 * <p>Layer: detection, above {@code health}. Uses {@code health}, {@code status}, {@code redaction} and
 * {@code resilience} (to read a guard's state). JDBC only through the JDK's interfaces.
 */
package dev.selfheal.health.checks;
