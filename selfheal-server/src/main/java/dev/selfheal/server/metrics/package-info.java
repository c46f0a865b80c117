/**
 * Prometheus both ways: the daemon's own meters on {@code /metrics}, and Prometheus queries as
 * a metric source for the performance monitor (through a guard).
 */
package dev.selfheal.server.metrics;
