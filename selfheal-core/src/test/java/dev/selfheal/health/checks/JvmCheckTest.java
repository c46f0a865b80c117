package dev.selfheal.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.health.HealthCheckContract;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JvmCheckTest {

    private static final long GIB = 1L << 30;

    /** Readings played back in order, so a test can walk the check through heap and GC states. */
    private static final class ScriptedReadings implements JvmReadings {
        private final Deque<Sample> script = new ArrayDeque<>();

        ScriptedReadings then(long heapUsed, long heapMax, long gcMillis, long uptimeMillis, String... deadlocked) {
            script.add(new Sample(heapUsed, heapMax, gcMillis, uptimeMillis, List.of(deadlocked)));
            return this;
        }

        @Override
        public Sample sample() {
            return script.removeFirst();
        }
    }

    @Test
    void heap_use_is_judged_against_both_thresholds() {
        var readings = new ScriptedReadings()
                .then(GIB / 2, GIB, 0, 60_000)
                .then(GIB * 9 / 10, GIB, 0, 120_000)
                .then(GIB * 97 / 100, GIB, 0, 180_000);
        var check = new JvmCheck(JvmCheck.Settings.defaults(), readings);

        HealthCheckResult calm = check.check();
        HealthCheckResult full = check.check();
        HealthCheckResult fuller = check.check();

        assertThat(calm.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(calm.message()).isEqualTo("heap used 50.0%, GC overhead 0.0%, no deadlocks");
        assertThat(full.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(full.message()).isEqualTo("heap used 90.0% above 85.0%");
        assertThat(fuller.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(fuller.message()).isEqualTo("heap used 97.0% above 95.0%");
        assertThat(fuller.details()).containsEntry("heap_used_bytes", GIB * 97 / 100).containsEntry("heap_max_bytes", GIB);
    }

    @Test
    void gc_overhead_is_the_share_of_time_in_gc_since_the_previous_run() {
        // Given a JVM that collected hard at first (30 s in GC over its first 100 s) and then calmed down
        var readings = new ScriptedReadings()
                .then(GIB / 4, GIB, 30_000, 100_000)   // first run: since start, 30 %
                .then(GIB / 4, GIB, 31_000, 110_000)   // 1 s of GC in 10 s: 10 %, not above
                .then(GIB / 4, GIB, 33_000, 120_000)   // 2 s in 10 s: 20 %
                .then(GIB / 4, GIB, 33_000, 130_000);  // none: 0 %
        var check = new JvmCheck(JvmCheck.Settings.defaults(), readings);

        assertThat(check.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
        HealthCheckResult atThreshold = check.check();
        assertThat(atThreshold.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat((Double) atThreshold.details().get("gc_overhead")).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
        HealthCheckResult busy = check.check();
        assertThat(busy.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(busy.message()).isEqualTo("GC overhead 20.0% above 10.0%");
        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void deadlocked_threads_are_unhealthy_and_named_along_with_other_problems() {
        var readings = new ScriptedReadings().then(GIB * 9 / 10, GIB, 0, 1_000, "worker-1", "worker-2");

        HealthCheckResult result = new JvmCheck(JvmCheck.Settings.defaults(), readings).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("deadlocked threads: worker-1, worker-2; heap used 90.0% above 85.0%");
        assertThat(result.details()).containsEntry("deadlocked_threads", 2);
    }

    @Test
    void a_real_deadlock_in_this_jvm_is_found_and_named() throws Exception {
        // Given two platform threads that each hold one lock and wait for the other's
        var first = new ReentrantLock();
        var second = new ReentrantLock();
        var bothHoldOne = new CountDownLatch(2);
        Thread a = deadlocker("selfheal-deadlock-a", first, second, bothHoldOne);
        Thread b = deadlocker("selfheal-deadlock-b", second, first, bothHoldOne);
        var check = new JvmCheck(new JvmCheck.Settings(1.0, 1.0, 1.0, 1.0));
        try {
            // Then the check on the real JVM reports them
            await().atMost(Duration.ofSeconds(30)).until(() -> check.check().status() == HealthStatus.UNHEALTHY);
            assertThat(check.check().message()).contains("selfheal-deadlock-a").contains("selfheal-deadlock-b");
        } finally {
            // lockInterruptibly lets the test break its own deadlock
            a.interrupt();
            b.interrupt();
            a.join(Duration.ofSeconds(30));
            b.join(Duration.ofSeconds(30));
        }
        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    private static Thread deadlocker(String name, ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        return Thread.ofPlatform().name(name).daemon().start(() -> {
            mine.lock();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                theirs.lockInterruptibly();
                theirs.unlock();
            } catch (InterruptedException e) {
                // released by the test
            } finally {
                mine.unlock();
            }
        });
    }

    @Test
    void the_real_jvm_reports_real_figures() {
        HealthCheckResult result = new JvmCheck(new JvmCheck.Settings(1.0, 1.0, 1.0, 1.0)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat((Long) result.details().get("heap_used_bytes")).isPositive();
        assertThat((Long) result.details().get("heap_max_bytes")).isGreaterThanOrEqualTo((Long) result.details().get("heap_used_bytes"));
    }

    @Test
    void bad_settings_are_refused_naming_the_key_and_the_value() {
        assertThatThrownBy(() -> new JvmCheck.Settings(0.85, 1.2, 0.1, 0.25))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("heap-used-unhealthy must be within 0-1: 1.2");
        assertThatThrownBy(() -> new JvmCheck.Settings(0.85, 0.95, 0.3, 0.25))
                .hasMessage("gc-overhead-degraded must not exceed gc-overhead-unhealthy (0.25): 0.3");
        assertThatThrownBy(() -> new JvmCheck.Settings(Double.NaN, 0.95, 0.1, 0.25))
                .hasMessage("heap-used-degraded must be within 0-1: NaN");
    }

    @Nested
    class Contract extends HealthCheckContract {

        @Override
        protected HealthCheck healthyCheck() {
            return new JvmCheck(new JvmCheck.Settings(1.0, 1.0, 1.0, 1.0));
        }

        @Override
        protected HealthCheck failingCheck() {
            // Any heap in use at all is above a zero threshold.
            return new JvmCheck(new JvmCheck.Settings(0.0, 0.0, 1.0, 1.0));
        }
    }
}
