/**
 * {@code selfheal bench ...}: every benchmark, each a ratio against a peer or baseline measured
 * in the same run, a human-readable table and one closing {@code RESULT key=value ...} line.
 */
package dev.selfheal.bench;
