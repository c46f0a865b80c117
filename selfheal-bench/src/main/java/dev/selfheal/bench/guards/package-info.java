/** {@code bench guards}: JMH measurements of a guarded call against raw Resilience4j and Failsafe. */
package dev.selfheal.bench.guards;
