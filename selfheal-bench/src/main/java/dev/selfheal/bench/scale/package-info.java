/** {@code bench scale}: many checks on a short interval (start lateness, throughput, CPU, heap per check) against hand-written fixed-rate scheduling. */
package dev.selfheal.bench.scale;
