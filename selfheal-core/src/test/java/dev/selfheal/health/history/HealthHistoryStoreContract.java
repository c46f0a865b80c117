package dev.selfheal.health.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HealthHistoryStore} promises. An implementation's test extends
 * this class and returns a fresh, empty store from {@link #newStore()}.
 *
 * <p>Times and latencies here are whole milliseconds: that is the precision the JDBC stores
 * keep. Timestamps grow with insertion order, so "newest first" is the same whether a store
 * orders by time or by arrival.
 */
public abstract class HealthHistoryStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    protected HealthHistoryStore store;

    /** A new store with no history in it. */
    protected abstract HealthHistoryStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static StoredResult result(String component, HealthStatus status, Instant at) {
        return new StoredResult(component, "system",
                new HealthCheckResult(status, status + " at " + at, Map.of(), Duration.ofMillis(7), at));
    }

    protected static StatusTransition transition(String component, HealthStatus from, HealthStatus to, Instant at) {
        return new StatusTransition(component, "database", from, to, at, from + " -> " + to);
    }

    @Test
    void appendedResultsAreReadBackNewestFirstUpToTheLimit() {
        List<StoredResult> batch = IntStream.range(0, 10)
                .mapToObj(i -> result("api", HealthStatus.HEALTHY, T0.plusSeconds(i)))
                .toList();

        store.appendResults(batch);

        List<StoredResult> recent = store.recentResults("api", 3);
        assertThat(recent).extracting(r -> r.result().timestamp())
                .containsExactly(T0.plusSeconds(9), T0.plusSeconds(8), T0.plusSeconds(7));
        assertThat(store.recentResults("api", 100)).hasSize(10);
    }

    @Test
    void resultsFromSeveralBatchesComeBackNewestFirst() {
        store.appendResults(List.of(result("api", HealthStatus.HEALTHY, T0)));
        store.appendResults(List.of(result("api", HealthStatus.DEGRADED, T0.plusSeconds(1)),
                result("api", HealthStatus.UNHEALTHY, T0.plusSeconds(2))));

        assertThat(store.recentResults("api", 10)).extracting(r -> r.result().status())
                .containsExactly(HealthStatus.UNHEALTHY, HealthStatus.DEGRADED, HealthStatus.HEALTHY);
    }

    @Test
    void resultsWithTheSameTimestampComeBackInReverseOrderOfInsertion() {
        store.appendResults(List.of(
                result("api", HealthStatus.HEALTHY, T0),
                result("api", HealthStatus.DEGRADED, T0),
                result("api", HealthStatus.UNHEALTHY, T0)));

        assertThat(store.recentResults("api", 10)).extracting(r -> r.result().status())
                .containsExactly(HealthStatus.UNHEALTHY, HealthStatus.DEGRADED, HealthStatus.HEALTHY);
    }

    @Test
    void everyFieldOfAResultRoundTripsIncludingDetailsAndLatency() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("http_status", 503);
        details.put("url", "http://127.0.0.1:8080/zen");
        details.put("free_ratio", 0.125);
        details.put("retried", true);
        details.put("bytes", 5_000_000_000L);
        details.put("note", "quotes \" and unicode ✓ survive");
        HealthCheckResult original = new HealthCheckResult(
                HealthStatus.UNHEALTHY, "HTTP 503 from http://127.0.0.1:8080/zen", details, Duration.ofMillis(1_234), T0);

        store.appendResults(List.of(new StoredResult("github-api", "integrations", original)));

        StoredResult read = store.recentResults("github-api", 1).getFirst();
        assertThat(read.component()).isEqualTo("github-api");
        assertThat(read.group()).isEqualTo("integrations");
        assertThat(read.result()).isEqualTo(original);
    }

    @Test
    void aResultWithoutDetailsOrMessageReadsBackAsEmptyNotNull() {
        HealthCheckResult bare = new HealthCheckResult(HealthStatus.HEALTHY, "", Map.of(), Duration.ZERO, T0);

        store.appendResults(List.of(new StoredResult("disk", "system", bare)));

        HealthCheckResult read = store.recentResults("disk", 1).getFirst().result();
        assertThat(read.details()).isEmpty();
        assertThat(read.message()).isEmpty();
        assertThat(read.latency()).isZero();
    }

    @Test
    void anUnknownComponentHasNoHistory() {
        store.appendResults(List.of(result("api", HealthStatus.HEALTHY, T0)));

        assertThat(store.recentResults("nobody", 10)).isEmpty();
        assertThat(store.transitions("nobody", 10)).isEmpty();
        assertThat(store.recentResults("api", 0)).isEmpty();
    }

    @Test
    void transitionsAreKeptAndReturnedNewestFirst() {
        StatusTransition down = transition("postgres", HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, T0);
        StatusTransition up = transition("postgres", HealthStatus.UNHEALTHY, HealthStatus.HEALTHY, T0.plusSeconds(60));
        StatusTransition downAgain = transition("postgres", HealthStatus.HEALTHY, HealthStatus.DEGRADED, T0.plusSeconds(120));

        store.appendTransition(down);
        store.appendTransition(up);
        store.appendTransition(downAgain);

        assertThat(store.transitions("postgres", 10)).containsExactly(downAgain, up, down);
        assertThat(store.transitions("postgres", 2)).containsExactly(downAgain, up);
    }

    @Test
    void latestTransitionsHoldsTheNewestTransitionOfEachComponent() {
        store.appendTransition(transition("a", HealthStatus.UNKNOWN, HealthStatus.HEALTHY, T0));
        store.appendTransition(transition("b", HealthStatus.UNKNOWN, HealthStatus.HEALTHY, T0));
        store.appendTransition(transition("a", HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, T0.plusSeconds(5)));
        store.appendTransition(transition("c", HealthStatus.UNKNOWN, HealthStatus.DEGRADED, T0.plusSeconds(6)));
        StatusTransition aNewest = transition("a", HealthStatus.UNHEALTHY, HealthStatus.HEALTHY, T0.plusSeconds(9));
        store.appendTransition(aNewest);

        Map<String, StatusTransition> latest = store.latestTransitions();

        assertThat(latest).containsOnlyKeys("a", "b", "c");
        assertThat(latest.get("a")).isEqualTo(aNewest);
        assertThat(latest.get("b").to()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(latest.get("c").to()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void latestTransitionsOfAnEmptyStoreIsEmpty() {
        assertThat(store.latestTransitions()).isEmpty();
    }

    @Test
    void purgeRemovesOnlyResultsOlderThanTheCutoffAndKeepsTransitions() {
        Instant cutoff = T0.plus(Duration.ofDays(7));
        store.appendResults(List.of(
                result("api", HealthStatus.HEALTHY, T0),
                result("api", HealthStatus.HEALTHY, cutoff.minusMillis(1)),
                result("api", HealthStatus.DEGRADED, cutoff),
                result("db", HealthStatus.HEALTHY, T0.plusSeconds(1)),
                result("db", HealthStatus.UNHEALTHY, cutoff.plusSeconds(1))));
        StatusTransition old = transition("api", HealthStatus.UNKNOWN, HealthStatus.HEALTHY, T0);
        store.appendTransition(old);

        int purged = store.purgeResultsBefore(cutoff);

        assertThat(purged).isEqualTo(3);
        assertThat(store.recentResults("api", 10)).extracting(r -> r.result().timestamp()).containsExactly(cutoff);
        assertThat(store.recentResults("db", 10)).extracting(r -> r.result().timestamp())
                .containsExactly(cutoff.plusSeconds(1));
        assertThat(store.transitions("api", 10)).containsExactly(old);
        assertThat(store.purgeResultsBefore(cutoff)).isZero();
    }

    @Test
    void manyComponentsKeepTheirOwnHistory() {
        int components = 300;
        List<StoredResult> batch = new ArrayList<>();
        for (int second = 0; second < 4; second++) {
            for (int c = 0; c < components; c++) {
                batch.add(result("check-" + c, HealthStatus.values()[(c + second) % 3], T0.plusSeconds(second)));
            }
        }
        store.appendResults(batch);
        for (int c = 0; c < components; c += 10) {
            store.appendTransition(transition("check-" + c, HealthStatus.UNKNOWN, HealthStatus.HEALTHY, T0.plusMillis(c)));
        }

        for (int c = 0; c < components; c++) {
            List<StoredResult> recent = store.recentResults("check-" + c, 10);
            int component = c;
            assertThat(recent).as("history of check-%d", c).hasSize(4)
                    .allSatisfy(r -> assertThat(r.component()).isEqualTo("check-" + component));
            assertThat(recent.getFirst().result().status()).isEqualTo(HealthStatus.values()[(c + 3) % 3]);
        }
        Map<String, StatusTransition> latest = store.latestTransitions();
        assertThat(latest).hasSize(components / 10);
        assertThat(latest.get("check-290").at()).isEqualTo(T0.plusMillis(290));
    }

    @Test
    void concurrentAppendsFromSeveralThreadsLoseNothing() throws Exception {
        int threads = 6;
        int batches = 40;
        int perBatch = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int b = 0; b < batches; b++) {
                        List<StoredResult> batch = new ArrayList<>();
                        for (int i = 0; i < perBatch; i++) {
                            Instant at = T0.plusMillis((long) b * perBatch + i);
                            batch.add(result("own-" + thread, HealthStatus.HEALTHY, at));
                            if (i % 5 == 0) {
                                batch.add(result("shared", HealthStatus.DEGRADED, at));
                            }
                        }
                        store.appendResults(batch);
                        store.appendTransition(transition("shared", HealthStatus.HEALTHY, HealthStatus.DEGRADED, T0.plusMillis(b)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }

        for (int t = 0; t < threads; t++) {
            assertThat(store.recentResults("own-" + t, 10_000).size()).as("results of own-%d", t).isEqualTo(batches * perBatch);
        }
        // 960 shared results: under the in-memory store's default bound of 1,000 per component.
        assertThat(store.recentResults("shared", 10_000).size()).isEqualTo(threads * batches * perBatch / 5);
        assertThat(store.transitions("shared", 10_000).size()).isEqualTo(threads * batches);
    }
}
