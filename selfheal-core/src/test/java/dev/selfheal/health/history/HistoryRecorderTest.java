package dev.selfheal.health.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.selfheal.events.CheckCompleted;
import dev.selfheal.events.ComponentStatusChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The recorder owns a real writer thread, so these tests wait for it with Awaitility (generous
 * timeouts: the machine is shared) instead of sleeping; event timestamps are fixed values.
 */
class HistoryRecorderTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final EventBus bus = new EventBus();
    private final InMemoryHealthHistoryStore memory = new InMemoryHealthHistoryStore(100_000);
    private HistoryRecorder recorder;

    @AfterEach
    void closeRecorder() {
        if (recorder != null) {
            recorder.close();
        }
    }

    private static CheckCompleted completed(String component, int second) {
        return new CheckCompleted(component, "system", new HealthCheckResult(
                HealthStatus.HEALTHY, "ok " + second, Map.of("n", second), Duration.ofMillis(2), T0.plusSeconds(second)));
    }

    private static ComponentStatusChanged changed(String component, HealthStatus from, HealthStatus to, int second) {
        return new ComponentStatusChanged(component, "system", from, to, T0.plusSeconds(second), "threshold crossed", List.of());
    }

    /** A store whose writes wait at a gate, to hold the writer thread while the test fills the queue. */
    private static final class GatedStore extends ForwardingStore {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        GatedStore(HealthHistoryStore delegate) {
            super(delegate);
        }

        @Override
        public void appendResults(List<StoredResult> results) {
            entered.countDown();
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.appendResults(results);
        }
    }

    @Test
    void resultsAndTransitionsPublishedOnTheBusEndUpInTheStore() {
        // Given a recorder on the bus
        recorder = new HistoryRecorder(memory, bus, 1_000);

        // When the engine publishes results and a transition
        for (int i = 0; i < 5; i++) {
            bus.publish(completed("api", i));
        }
        bus.publish(changed("api", HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, 4));

        // Then the writer stores them all
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(memory.recentResults("api", 10)).hasSize(5);
            assertThat(memory.transitions("api", 10)).hasSize(1);
        });
        StoredResult newest = memory.recentResults("api", 1).getFirst();
        assertThat(newest.result().message()).isEqualTo("ok 4");
        assertThat(newest.result().details()).containsEntry("n", 4);
        assertThat(memory.transitions("api", 1).getFirst().to()).isEqualTo(HealthStatus.UNHEALTHY);
        await().atMost(PATIENCE).until(() -> recorder.writtenCount() == 6);
    }

    @Test
    void closeDrainsEverythingQueued() {
        // Given a writer held up by the store while 3,000 results and a transition queue up
        GatedStore gated = new GatedStore(memory);
        recorder = new HistoryRecorder(gated, bus, 10_000);
        bus.publish(completed("first", 0));
        awaitEntered(gated);
        for (int i = 0; i < 3_000; i++) {
            bus.publish(completed("check-" + (i % 30), i));
        }
        bus.publish(changed("check-7", HealthStatus.HEALTHY, HealthStatus.DEGRADED, 3_000));

        // When the store frees up and the recorder is closed at once
        gated.gate.countDown();
        recorder.close(PATIENCE);

        // Then nothing queued was lost
        int stored = 0;
        for (int c = 0; c < 30; c++) {
            stored += memory.recentResults("check-" + c, 1_000).size();
        }
        assertThat(stored).isEqualTo(3_000);
        assertThat(memory.recentResults("first", 10)).hasSize(1);
        assertThat(memory.transitions("check-7", 10)).hasSize(1);
        assertThat(recorder.droppedCount()).isZero();
    }

    @Test
    void whenTheQueueIsFullResultsAreDroppedAndCountedButTransitionsAreKept() {
        // Given a recorder that queues at most 10 results, its writer held up by the store
        GatedStore gated = new GatedStore(memory);
        recorder = new HistoryRecorder(gated, bus, 10);
        bus.publish(completed("first", 0));
        awaitEntered(gated);

        // When 100 results and 5 transitions arrive, interleaved; the publisher must never block
        assertTimeoutPreemptively(PATIENCE, () -> {
            for (int i = 1; i <= 100; i++) {
                bus.publish(completed("api", i));
                if (i % 20 == 0) {
                    bus.publish(changed("api", HealthStatus.HEALTHY, HealthStatus.DEGRADED, i));
                }
            }
        });

        // Then 90 results were dropped and counted, and after the store frees up every transition is there
        assertThat(recorder.droppedCount()).isEqualTo(90);
        gated.gate.countDown();
        recorder.close(PATIENCE);
        assertThat(memory.recentResults("api", 1_000)).hasSize(10);
        assertThat(memory.transitions("api", 1_000)).hasSize(5);
        assertThat(recorder.writtenCount()).isEqualTo(1 + 10 + 5);
    }

    @Test
    void aTransitionTheStoreRefusesIsRetriedUntilItIsWritten() {
        // Given a store that refuses the first two attempts to write a transition
        AtomicInteger attempts = new AtomicInteger();
        HealthHistoryStore flaky = new ForwardingStore(memory) {
            @Override
            public void appendTransition(StatusTransition transition) {
                if (attempts.incrementAndGet() <= 2) {
                    throw new IllegalStateException("database is locked");
                }
                super.appendTransition(transition);
            }
        };
        recorder = new HistoryRecorder(flaky, bus, 100, Duration.ofMillis(10));

        // When a transition is published
        bus.publish(changed("db", HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, 1));

        // Then it is written in the end, and the failures were counted
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(memory.transitions("db", 10)).hasSize(1));
        assertThat(recorder.writeFailureCount()).isEqualTo(2);
    }

    @Test
    void aBatchOfResultsTheStoreRefusesIsCountedAndTheWriterGoesOn() {
        // Given a store that fails the first batch of results
        AtomicInteger batches = new AtomicInteger();
        HealthHistoryStore flaky = new ForwardingStore(memory) {
            @Override
            public void appendResults(List<StoredResult> results) {
                if (batches.incrementAndGet() == 1) {
                    throw new IllegalStateException("disk I/O error");
                }
                super.appendResults(results);
            }
        };
        recorder = new HistoryRecorder(flaky, bus, 100);

        // When one result is lost with its batch and another comes later
        bus.publish(completed("api", 1));
        await().atMost(PATIENCE).until(() -> recorder.writeFailureCount() == 1);
        bus.publish(completed("api", 2));

        // Then the later one is stored: the writer survived
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(memory.recentResults("api", 10))
                .singleElement().satisfies(r -> assertThat(r.result().message()).isEqualTo("ok 2")));
    }

    @Test
    void afterCloseNewEventsAreNoLongerRecorded() {
        recorder = new HistoryRecorder(memory, bus, 100);
        recorder.close(PATIENCE);

        bus.publish(completed("api", 1));

        assertThat(memory.recentResults("api", 10)).isEmpty();
        assertThat(recorder.writtenCount()).isZero();
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new HistoryRecorder(memory, bus, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity must be at least 1, got 0");
    }

    private static void awaitEntered(GatedStore gated) {
        await().atMost(PATIENCE).until(() -> gated.entered.getCount() == 0);
    }

    /** A store on a full disk: every write is refused, reads still work. */
    private static final class FullDiskStore extends ForwardingStore {
        volatile boolean full = true;

        FullDiskStore(HealthHistoryStore delegate) {
            super(delegate);
        }

        @Override
        public void appendResults(List<StoredResult> results) {
            if (full) {
                throw new IllegalStateException("[SQLITE_FULL] database or disk is full");
            }
            super.appendResults(results);
        }
    }

    @Test
    void resultsLostToAFullDiskAreCountedAndLoggedOnceNotOncePerBatch() {
        // Given a recorder whose store is on a full disk
        FullDiskStore disk = new FullDiskStore(memory);
        recorder = new HistoryRecorder(disk, bus, 100_000);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(HistoryRecorder.class);
        var lines = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        lines.start();
        logger.addAppender(lines);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            // When 500 results arrive one by one, each batch refused
            for (int i = 0; i < 500; i++) {
                bus.publish(completed("api", i));
                if (i % 50 == 0) {
                    int expected = i + 1;
                    await().atMost(PATIENCE).until(() -> recorder.droppedCount() == expected);
                }
            }

            // Then every lost result is counted, and the log has one line, with its stack trace
            await().atMost(PATIENCE).until(() -> recorder.droppedCount() == 500);
            assertThat(recorder.lostCount()).isEqualTo(500);
            assertThat(lines.list).hasSize(1);
            assertThat(lines.list.getFirst().getThrowableProxy()).isNotNull();

            // And once space is back, results are stored again and the recovery is said once
            disk.full = false;
            bus.publish(completed("api", 501));
            await().atMost(PATIENCE).until(() -> memory.recentResults("api", 10).size() == 1);
            assertThat(lines.list).hasSize(2);
            assertThat(lines.list.get(1).getFormattedMessage()).startsWith("event=history_write_failed_recovered");
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }
    }
}
