/**
 * Built-in resource gauges: the JVM's heap, a process's resident memory from {@code /proc}, a
 * file system's space, a directory's size against a quota of its own, and the open file
 * descriptors of this process.
 *
 * <p>Layer: learning (with prediction, whose {@code ResourceGauge} they implement). Uses only the JDK.
 */
package dev.selfheal.prediction.gauges;
