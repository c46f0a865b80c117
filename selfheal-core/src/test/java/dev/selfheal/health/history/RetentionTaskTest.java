package dev.selfheal.health.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetentionTaskTest {

    private static final Instant START = Instant.parse("2026-03-10T00:00:00Z");
    private static final Executor DIRECT = Runnable::run;

    private final VirtualScheduler scheduler = new VirtualScheduler(START);
    private final InMemoryHealthHistoryStore store = new InMemoryHealthHistoryStore();

    private void record(String component, Instant at) {
        store.appendResults(List.of(new StoredResult(component, "system",
                new HealthCheckResult(HealthStatus.HEALTHY, "ok", Map.of(), Duration.ofMillis(1), at))));
    }

    private List<Instant> timestampsOf(String component) {
        return store.recentResults(component, 100).stream().map(r -> r.result().timestamp()).toList();
    }

    @Test
    void onStartResultsOlderThanTheRetentionArePurgedAndTransitionsKept() {
        // Given results of 8 days and 1 day ago and an old transition
        record("api", START.minus(Duration.ofDays(8)));
        record("api", START.minus(Duration.ofDays(1)));
        StatusTransition old = new StatusTransition("api", "system", HealthStatus.UNKNOWN, HealthStatus.HEALTHY,
                START.minus(Duration.ofDays(30)), "first check passed");
        store.appendTransition(old);

        // When the task starts with the default retention
        RetentionTask task = new RetentionTask(store, scheduler, DIRECT, RetentionTask.DEFAULT_RETENTION,
                RetentionTask.DEFAULT_INTERVAL).start();
        scheduler.runDue();

        // Then only the week-old result went
        assertThat(timestampsOf("api")).containsExactly(START.minus(Duration.ofDays(1)));
        assertThat(store.transitions("api", 10)).containsExactly(old);
        assertThat(task.purgedCount()).isEqualTo(1);
        assertThat(task.runCount()).isEqualTo(1);
        assertThat(task.retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void itPurgesAgainEveryHourAsResultsAgePastTheRetention() {
        // Given a result that turns 7 days old half an hour after start
        Instant agesOutAt = START.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(30));
        record("db", agesOutAt);
        RetentionTask task = new RetentionTask(store, scheduler, DIRECT, Duration.ofDays(7), Duration.ofHours(1)).start();

        // When the first purge runs it is still young enough
        scheduler.runDue();
        assertThat(timestampsOf("db")).containsExactly(agesOutAt);

        // Then the purge at minute 59 has not happened, the one at the hour removes it
        scheduler.advance(Duration.ofMinutes(59));
        assertThat(timestampsOf("db")).containsExactly(agesOutAt);
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(timestampsOf("db")).isEmpty();
        assertThat(task.runCount()).isEqualTo(2);

        // And it keeps going
        scheduler.advance(Duration.ofHours(5));
        assertThat(task.runCount()).isEqualTo(7);
    }

    @Test
    void aFailingPurgeIsCountedAndTheNextOneStillRuns() {
        // Given a store whose first purge fails (the disk was full, say)
        AtomicInteger calls = new AtomicInteger();
        HealthHistoryStore flaky = new ForwardingStore(store) {
            @Override
            public int purgeResultsBefore(Instant cutoff) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("database or disk is full");
                }
                return super.purgeResultsBefore(cutoff);
            }
        };
        record("api", START.minus(Duration.ofDays(10)));
        RetentionTask task = new RetentionTask(flaky, scheduler, DIRECT, Duration.ofDays(7), Duration.ofHours(1)).start();

        // When the first purge fails
        scheduler.runDue();
        assertThat(task.failureCount()).isEqualTo(1);
        assertThat(timestampsOf("api")).hasSize(1);

        // Then an hour later the next purge runs and succeeds
        scheduler.advance(Duration.ofHours(1));
        assertThat(task.runCount()).isEqualTo(1);
        assertThat(task.purgedCount()).isEqualTo(1);
        assertThat(timestampsOf("api")).isEmpty();
    }

    @Test
    void anExecutorThatRefusesWorkIsCountedAndTheScheduleGoesOn() {
        Executor refusing = command -> {
            throw new java.util.concurrent.RejectedExecutionException("executor shut down");
        };
        RetentionTask task = new RetentionTask(store, scheduler, refusing, Duration.ofDays(7), Duration.ofHours(1)).start();

        scheduler.advance(Duration.ofHours(2));

        assertThat(task.failureCount()).isEqualTo(3);
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void aPurgeStillRunningWhenTheNextIsDueIsNotStartedTwice() {
        // Given an executor that holds the work until the test runs it
        List<Runnable> held = new ArrayList<>();
        record("api", START.minus(Duration.ofDays(9)));
        RetentionTask task = new RetentionTask(store, scheduler, held::add, Duration.ofDays(7), Duration.ofHours(1)).start();
        scheduler.runDue();
        assertThat(held).hasSize(1);

        // When the next purge falls due while the first is still running
        scheduler.advance(Duration.ofHours(1));

        // Then it is skipped, and once the first finishes the following one starts again
        assertThat(held).hasSize(1);
        assertThat(task.skippedCount()).isEqualTo(1);
        held.getFirst().run();
        assertThat(task.purgedCount()).isEqualTo(1);
        scheduler.advance(Duration.ofHours(1));
        assertThat(held).hasSize(2);
    }

    @Test
    void closeCancelsTheNextPurge() {
        RetentionTask task = new RetentionTask(store, scheduler, DIRECT, Duration.ofDays(7), Duration.ofHours(1)).start();
        scheduler.runDue();

        task.close();
        scheduler.advance(Duration.ofHours(3));

        assertThat(task.runCount()).isEqualTo(1);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefusedNamingIt() {
        assertThatThrownBy(() -> new RetentionTask(store, scheduler, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retention must be a positive duration, got PT0S");
        assertThatThrownBy(() -> new RetentionTask(store, scheduler, DIRECT, Duration.ofDays(1), Duration.ofHours(-1)))
                .hasMessageContaining("retention interval must be a positive duration");
    }

    @Test
    void startingTwiceIsRefused() {
        RetentionTask task = new RetentionTask(store, scheduler).start();

        assertThatThrownBy(task::start).isInstanceOf(IllegalStateException.class);
        assertThat(task.retention()).isEqualTo(RetentionTask.DEFAULT_RETENTION);
    }
}
