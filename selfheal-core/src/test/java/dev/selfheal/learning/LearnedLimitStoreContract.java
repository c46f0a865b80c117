package dev.selfheal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.metrics.MetricKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link LearnedLimitStore} does; implementations extend this with their own store. */
public abstract class LearnedLimitStoreContract {

    private final Instant t0 = Instant.parse("2026-05-01T00:00:00Z");

    protected abstract LearnedLimitStore newStore();

    /** The same data opened again, as a restarted daemon would; in memory there is nothing to reopen. */
    protected LearnedLimitStore reopened(LearnedLimitStore store) {
        return store;
    }

    @Test
    void a_saved_limit_is_read_back_and_replaced_by_the_next_of_its_component_and_metric() {
        LearnedLimitStore store = newStore();
        store.save(new LearnedLimit("api", MetricKind.RESPONSE_TIME_P95, 123.75, 360, t0));
        store.save(new LearnedLimit("api", MetricKind.ERROR_RATE, 0.0125, 400, t0.plusSeconds(5)));
        store.save(new LearnedLimit("api", MetricKind.RESPONSE_TIME_P95, 130.5, 420, t0.plusSeconds(60)));
        store.save(new LearnedLimit("db", MetricKind.RESPONSE_TIME_P95, 40, 500, t0.plusSeconds(70)));

        assertThat(store.all()).containsExactly(
                new LearnedLimit("api", MetricKind.ERROR_RATE, 0.0125, 400, t0.plusSeconds(5)),
                new LearnedLimit("api", MetricKind.RESPONSE_TIME_P95, 130.5, 420, t0.plusSeconds(60)),
                new LearnedLimit("db", MetricKind.RESPONSE_TIME_P95, 40, 500, t0.plusSeconds(70)));
    }

    @Test
    void limits_outlive_the_store_being_reopened() {
        LearnedLimitStore store = newStore();
        store.save(new LearnedLimit("api", MetricKind.RESPONSE_TIME_P95, 123.75, 360, t0));

        assertThat(reopened(store).all()).containsExactly(new LearnedLimit("api", MetricKind.RESPONSE_TIME_P95, 123.75, 360, t0));
    }

    @Test
    void a_limit_learned_before_a_restart_holds_after_it() {
        // Given adaptive limits over this store that learned an api's p95 (60-99 ms: p99 99 ms plus 25%)
        AdaptiveLimitSettings settings = new AdaptiveLimitSettings(0.99, 0.25, 100, java.time.Duration.ofHours(6),
                java.time.Duration.ZERO, java.util.Map.of()).withMetric(MetricKind.RESPONSE_TIME_P95,
                new AdaptiveLimitSettings.Bounds(50, 2000));
        LearnedLimitStore store = newStore();
        AdaptiveLimits before = new AdaptiveLimits(settings, c -> false, store, Runnable::run);
        for (int i = 0; i < 300; i++) {
            before.limitFor(new dev.selfheal.metrics.Measurement("api", MetricKind.RESPONSE_TIME_P95, 60 + i % 40, t0.plusSeconds(10L * i)), 100);
        }
        // When the store is opened again by a new instance (a restarted daemon)
        AdaptiveLimits after = new AdaptiveLimits(settings, c -> false, reopened(store), Runnable::run);
        // Then its first reading is held to the learned limit, not the configured 100 ms
        assertThat(after.limitFor(new dev.selfheal.metrics.Measurement("api", MetricKind.RESPONSE_TIME_P95, 70, t0.plusSeconds(4000)), 100))
                .isEqualTo(99 * 1.25);
    }
}
