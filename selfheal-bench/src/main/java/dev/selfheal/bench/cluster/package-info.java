/**
 * {@code selfheal bench cluster}: several {@code selfheal run} child processes on one PostgreSQL
 * watching one HTTP service, with the leader killed ({@code kill -9}) or frozen
 * ({@code SIGSTOP} past its lease) while the service fails; how long until the first action
 * after the leader is lost, and how many actions each fault got, against the same nodes without
 * coordination.
 *
 * <p>Also the parts a scenario test reuses: {@link dev.selfheal.bench.cluster.NodeProcess} (a
 * daemon in a child JVM) and {@link dev.selfheal.bench.cluster.WatchedService} (the service,
 * whose restart hook records each call against the fault it answers).
 */
package dev.selfheal.bench.cluster;
