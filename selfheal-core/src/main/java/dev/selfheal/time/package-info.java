/**
 * Time, injected: the {@link dev.selfheal.time.Scheduler} everything that waits or timestamps
 * goes through, its real-time implementation and a {@link dev.selfheal.time.VirtualScheduler}
 * whose clock moves only when a test advances it, so that no unit test sleeps.
 *
 * <p>Layer: vocabulary, the bottom. Uses nothing of selfheal.
 */
package dev.selfheal.time;
