package dev.selfheal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.status.BreakerState;
import dev.selfheal.time.VirtualScheduler;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The breaker's transitions are published once and in order, also when a step made without the
 * lock moved the breaker and has not published it yet (here: a step made on the Resilience4j
 * breaker directly, as a lock-free thread between its step and its look would leave it).
 */
class PublishedBreakerTest {

    private final VirtualScheduler time = new VirtualScheduler();
    private final CircuitBreaker breaker = CircuitBreaker.of("test", BreakerSettings.consecutiveFailures(2, Duration.ofSeconds(10))
            .toResilience4j(time.clock().withZone(ZoneOffset.UTC), time::nanoTime));
    private final List<String> published = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();
    private final PublishedBreaker steps = new PublishedBreaker(breaker, new PublishedBreaker.Listener() {
        @Override
        public void transitioned(BreakerState from, BreakerState to) {
            published.add(from + ">" + to);
        }

        @Override
        public void closed() {
            closed.add("closed");
        }
    });

    @Test
    void a_closed_breaker_opened_by_outcomes_is_published_once() {
        steps.acquirePermission();
        steps.onError(1, new IOException("x"));
        assertThat(published).isEmpty();
        steps.onError(1, new IOException("x"));
        assertThat(published).containsExactly("CLOSED>OPEN");
        assertThatThrownBy(steps::acquirePermission).isInstanceOf(CallNotPermittedException.class);
        assertThat(published).containsExactly("CLOSED>OPEN");
    }

    @Test
    void a_locked_step_first_publishes_what_a_lock_free_step_left_unpublished() {
        breaker.onError(1, TimeUnit.NANOSECONDS, new IOException("x"));
        breaker.onError(1, TimeUnit.NANOSECONDS, new IOException("x"));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        time.advance(Duration.ofSeconds(11));
        steps.acquirePermission();
        assertThat(published).containsExactly("CLOSED>OPEN", "OPEN>HALF_OPEN");
    }

    @Test
    void a_half_open_breaker_that_closes_again_is_published_and_replays_are_told() {
        steps.onError(1, new IOException("x"));
        steps.onError(1, new IOException("x"));
        time.advance(Duration.ofSeconds(11));
        for (int i = 0; i < 10 && breaker.getState() != CircuitBreaker.State.CLOSED; i++) {
            steps.acquirePermission();
            steps.onSuccess(1);
        }
        assertThat(published).containsExactly("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED");
        assertThat(closed).containsExactly("closed");
    }

    @Test
    void a_transition_by_hand_after_an_unpublished_one_is_published_after_it() {
        breaker.onError(1, TimeUnit.NANOSECONDS, new IOException("x"));
        breaker.onError(1, TimeUnit.NANOSECONDS, new IOException("x"));
        steps.forceOpen();
        steps.reset();
        assertThat(published).containsExactly("CLOSED>OPEN", "OPEN>FORCED_OPEN", "FORCED_OPEN>CLOSED");
        assertThat(closed).containsExactly("closed");
        assertThat(steps.isClosed()).isTrue();
    }
}
