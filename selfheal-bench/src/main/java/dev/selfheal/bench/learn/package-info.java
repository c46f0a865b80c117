/**
 * {@code selfheal bench learn}: a generated world whose best recovery action per (fault, kind)
 * is known and changes part-way; the learned plan order is judged against the fixed order and an
 * oracle on the same incidents with the same luck. The world is data ({@code learn-world.yaml}).
 */
package dev.selfheal.bench.learn;
