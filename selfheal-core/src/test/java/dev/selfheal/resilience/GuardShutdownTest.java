package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: in a demo run an outbox replay ran after shutdown had closed the database pool
 * ("HikariDataSource has been closed"). Closing the registry now stops replays and waits for a
 * running one before the store's owner closes it; what was not delivered stays parked.
 */
class GuardShutdownTest {

    /** An outbox store that, like a closed Hikari pool, fails every use once closed; records the order of things. */
    private static final class ClosingStore implements OutboxStore {
        final OutboxStore delegate = new InMemoryOutboxStore();
        final List<String> log = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicInteger usedAfterClose = new AtomicInteger();

        void close() {
            closed.set(true);
            log.add("store closed");
        }

        private void check() {
            if (closed.get()) {
                usedAfterClose.incrementAndGet();
                throw new IllegalStateException("HikariDataSource (test) has been closed");
            }
        }

        @Override public OutboxEntry park(String i, String o, String k, String p, Instant at) { check(); return delegate.park(i, o, k, p, at); }
        @Override public List<OutboxEntry> pending(String i, int limit) { check(); return delegate.pending(i, limit); }
        @Override public long pendingCount(String i) { check(); return delegate.pendingCount(i); }
        @Override public void markDelivered(long id) { check(); log.add("marked delivered " + id); delegate.markDelivered(id); }
        @Override public void recordFailure(long id, String e, Instant at) { check(); delegate.recordFailure(id, e, at); }
        @Override public void markDead(long id, String e, Instant at) { check(); delegate.markDead(id, e, at); }
        @Override public List<OutboxEntry> dead(String i, int limit) { check(); return delegate.dead(i, limit); }
    }

    private final ClosingStore store = new ClosingStore();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final CountDownLatch inHandler = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private GuardRegistry registry;

    private Guard slackWithThreeParked(Duration drainTimeout) {
        registry = GuardRegistry.builder()
                .scheduler(new VirtualScheduler())
                .outboxStore(store)
                .replayDrainTimeout(drainTimeout)
                .guard(config("slack").retry(RetrySettings.none()).fallback(Fallback.outbox(100)).build())
                .build();
        Guard slack = registry.guard("slack");
        slack.outbox().replayOnlyWhile(() -> false); // parked for now, as under degradation
        slack.outbox().registerHandler("post", m -> {
            inHandler.countDown();
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test handler was never released");
            }
            delivered.add(m.idempotencyKey());
        });
        for (String key : List.of("m0", "m1", "m2")) {
            slack.outbox().park("post", key, "text " + key, "notifications off");
        }
        slack.outbox().replayOnlyWhile(() -> true);
        return slack;
    }

    @AfterEach
    void releaseHandler() {
        release.countDown();
    }

    @Test
    void closing_the_registry_stops_a_running_replay_and_waits_for_it_before_the_store_closes() throws Exception {
        // Given slack with three parked messages and a replay (the demo's "slack-replay") in the slow handler
        Guard slack = slackWithThreeParked(Duration.ofSeconds(10));
        Thread replay = Thread.ofVirtual().name("slack-replay").start(slack.outbox()::replayParked);
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();

        // When shutdown closes the registry, then the store
        Thread shutdown = Thread.ofVirtual().name("shutdown").start(() -> {
            registry.close();
            store.close();
        });
        await().atMost(Duration.ofSeconds(10)).until(registry::isClosed);
        release.countDown(); // the message in flight completes
        shutdown.join(Duration.ofSeconds(10));
        replay.join(Duration.ofSeconds(10));

        // Then the replay finished its message in flight and stopped before the store closed
        assertThat(shutdown.isAlive()).isFalse();
        assertThat(replay.isAlive()).isFalse();
        assertThat(delivered).containsExactly("m0");
        assertThat(store.log).containsExactly("marked delivered 1", "store closed");
        assertThat(store.usedAfterClose).hasValue(0);
        // And the rest is still parked, in order, for the next start
        assertThat(store.delegate.pending("slack", 10)).extracting(OutboxEntry::idempotencyKey).containsExactly("m1", "m2");
    }

    @Test
    void no_replay_starts_once_the_registry_is_closed() {
        // Given slack with parked messages, and shutdown begun
        Guard slack = slackWithThreeParked(Duration.ofSeconds(1));
        registry.close();

        // When a degradation change asks for a replay, and the breaker closes
        int replayed = slack.outbox().replayParked();
        slack.forceOpen();
        slack.reset();
        store.close();

        // Then nothing is replayed, the store is not touched after it closed, and all stay parked
        assertThat(replayed).isZero();
        assertThat(delivered).isEmpty();
        assertThat(store.usedAfterClose).hasValue(0);
        assertThat(store.delegate.pending("slack", 10)).extracting(OutboxEntry::idempotencyKey).containsExactly("m0", "m1", "m2");
    }

    @Test
    void close_waits_for_a_stuck_replay_no_longer_than_its_drain_timeout() throws Exception {
        // Given a replay stuck in its handler
        Guard slack = slackWithThreeParked(Duration.ofMillis(200));
        Thread replay = Thread.ofVirtual().start(slack.outbox()::replayParked);
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();

        // When the registry closes
        long start = System.nanoTime();
        registry.close();

        // Then close returns after about the drain timeout, and every message is still parked
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(store.delegate.pending("slack", 10)).hasSize(3);
        release.countDown();
        replay.join(Duration.ofSeconds(10));
        // And the message in flight, delivered once, is the only one marked delivered (nothing else replayed after close)
        assertThat(delivered).containsExactly("m0");
        assertThat(store.delegate.pending("slack", 10)).extracting(OutboxEntry::idempotencyKey).containsExactly("m1", "m2");
    }
}
