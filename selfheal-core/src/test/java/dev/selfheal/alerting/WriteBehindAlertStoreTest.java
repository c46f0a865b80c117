package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The write-behind queue in front of a store. The writer is a real thread, so the tests wait
 * for it with latches and Awaitility; nothing sleeps.
 */
class WriteBehindAlertStoreTest {

    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    @Nested
    class Contract extends AlertStoreContract {
        @Override
        protected AlertStore newStore() {
            return new WriteBehindAlertStore(new InMemoryAlertStore(), 3, 2);
        }
    }

    /** An in-memory store whose batches can be held at a gate, and which can refuse one alert. */
    static final class GatedStore extends ForwardingAlertStore {
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch batchStarted = new CountDownLatch(1);
        final List<Integer> batchSizes = new ArrayList<>();
        volatile String refuse = "";

        GatedStore(boolean gated) {
            super(new InMemoryAlertStore());
            if (!gated) {
                gate.countDown();
            }
        }

        @Override
        public void writeAll(List<AlertWrite> writes) {
            batchStarted.countDown();
            try {
                gate.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (batchSizes) {
                batchSizes.add(writes.size());
            }
            if (writes.stream().anyMatch(w -> w instanceof AlertWrite.SaveAlert s && s.alert().id().equals(refuse))) {
                throw new IllegalStateException("disk full");
            }
            super.writeAll(writes);
        }

        @Override
        public void save(Alert alert) {
            if (alert.id().equals(refuse)) {
                throw new IllegalStateException("disk full");
            }
            super.save(alert);
        }
    }

    @Test
    void a_full_queue_makes_the_writer_wait_and_counts_it_and_drops_nothing() throws Exception {
        // Given a store whose first batch is held, and a queue of 2
        GatedStore gated = new GatedStore(true);
        WriteBehindAlertStore store = new WriteBehindAlertStore(gated, 2, 10);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        store.bindMetrics(meters);
        store.save(alert("a0", AlertStatus.FIRING));
        assertThat(gated.batchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        store.save(alert("a1", AlertStatus.FIRING));
        store.save(alert("a2", AlertStatus.FIRING));

        // When a third write finds the queue full
        Thread pipeline = Thread.ofVirtual().start(() -> store.record(decision("a1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.queueFullWaits() == 1);
        assertThat(pipeline.isAlive()).as("the caller waits for room").isTrue();
        assertThat(meters.get("selfheal.alert.store.queue.full").functionCounter().count()).isEqualTo(1.0);

        // Then once the store moves again, every write is there, in order
        gated.gate.countDown();
        pipeline.join(Duration.ofSeconds(10));
        assertThat(store.find("a2")).isPresent();
        assertThat(store.decisions("a1")).hasSize(1);
        assertThat(store.written()).isEqualTo(4);
        assertThat(meters.get("selfheal.alert.store.queue.size").gauge().value()).isZero();
        store.close();
    }

    @Test
    void writes_are_applied_in_batches_and_a_later_save_of_an_alert_wins() throws Exception {
        GatedStore gated = new GatedStore(true);
        WriteBehindAlertStore store = new WriteBehindAlertStore(gated, 100, 50);
        store.save(alert("a0", AlertStatus.FIRING));
        assertThat(gated.batchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 30; i++) {
            store.record(decision("a0"));
        }
        store.save(alert("a0", AlertStatus.SENT));
        gated.gate.countDown();
        assertThat(store.find("a0").orElseThrow().status()).isEqualTo(AlertStatus.SENT);
        assertThat(gated.batchSizes).containsExactly(1, 31);
        assertThat(store.batches()).isEqualTo(2);
        store.close();
    }

    @Test
    void a_batch_the_store_refuses_is_applied_write_by_write_and_only_the_bad_write_is_counted_lost() {
        GatedStore gated = new GatedStore(false);
        gated.refuse = "bad";
        WriteBehindAlertStore store = new WriteBehindAlertStore(gated, 100, 50);
        store.writeAll(List.of(new AlertWrite.SaveAlert(alert("good", AlertStatus.FIRING)),
                new AlertWrite.SaveAlert(alert("bad", AlertStatus.FIRING)), new AlertWrite.RecordDecision(decision("good"))));
        assertThat(store.find("good")).isPresent();
        assertThat(store.find("bad")).isEmpty();
        assertThat(store.decisions("good")).hasSize(1);
        assertThat(store.writeFailures()).isEqualTo(1);
        store.close();
    }

    @Test
    void close_drains_the_queue_and_later_writes_go_straight_to_the_store() throws Exception {
        GatedStore gated = new GatedStore(true);
        InMemoryAlertStore underneath = (InMemoryAlertStore) gated.delegate();
        WriteBehindAlertStore store = new WriteBehindAlertStore(gated, 1_000, 100);
        for (int i = 0; i < 500; i++) {
            store.save(alert("a" + i, AlertStatus.FIRING));
        }
        assertThat(gated.batchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closer = Thread.ofVirtual().start(store::close);
        gated.gate.countDown();
        closer.join(Duration.ofSeconds(30));
        assertThat(underneath.recent(1_000)).hasSize(500);
        store.save(alert("late", AlertStatus.FIRING));
        assertThat(underneath.find("late")).isPresent();
    }

    @Test
    void a_bad_size_is_refused_with_the_value() {
        assertThatThrownBy(() -> new WriteBehindAlertStore(new InMemoryAlertStore(), 0, 10))
                .hasMessage("alert store queue capacity must be at least 1, got 0");
        assertThatThrownBy(() -> new WriteBehindAlertStore(new InMemoryAlertStore(), 10, 0))
                .hasMessage("alert store batch size must be at least 1, got 0");
    }

    static Alert alert(String id, AlertStatus status) {
        return AlertStoreContract.alert(id, status, T);
    }

    static Decision decision(String alertId) {
        return new Decision(alertId, "fp-" + alertId, "db", T, Decision.Outcome.HELD, Optional.empty(), "test", List.of());
    }
}
