package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.events.BreakerStateChanged;
import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.status.BreakerState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The guard publishes breaker transitions by observing the breaker after each call into it
 * (not through a Resilience4j consumer, which would make every call allocate an event). Under
 * concurrent calls it must still publish exactly the transitions Resilience4j made.
 */
class BreakerTransitionsUnderLoadTest {

    @Test
    void everyTransitionResilience4jMakesIsPublishedOnceAndInAChain() throws Exception {
        // Given a breaker that opens after 3 failures for 1 s, watched by Resilience4j's own consumer as the referee
        GuardFixture f = new GuardFixture(config("linear").retry(RetrySettings.none())
                .breaker(BreakerSettings.consecutiveFailures(3, Duration.ofSeconds(1))).build());
        Guard guard = f.guard("linear");
        List<String> referee = new CopyOnWriteArrayList<>();
        guard.circuitBreaker().getEventPublisher().onStateTransition(e -> referee.add(
                BreakerState.of(e.getStateTransition().getFromState()) + ">" + BreakerState.of(e.getStateTransition().getToState())));

        // When 4 threads make 3,000 calls each, 60 % failing, while virtual time moves on
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t);
            boolean clockKeeper = t == 0;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 3_000; i++) {
                    boolean fail = random.nextInt(100) < 60;
                    try {
                        guard.call("op", () -> {
                            if (fail) {
                                throw new IOException("x");
                            }
                            return "ok";
                        });
                    } catch (GuardException expected) {
                        // failures and refusals are the point
                    }
                    if (clockKeeper && i % 20 == 0) {
                        f.time.advance(Duration.ofMillis(300));
                    }
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }

        // Then our events are exactly Resilience4j's transitions, and each starts where the last ended
        List<String> ours = f.events(BreakerStateChanged.class).stream().map(e -> e.from() + ">" + e.to()).toList();
        assertThat(referee).hasSizeGreaterThan(10);
        assertThat(ours).containsExactlyInAnyOrderElementsOf(referee);
        List<BreakerStateChanged> events = f.events(BreakerStateChanged.class);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).from()).as("event %d", i).isEqualTo(events.get(i - 1).to());
        }
        assertThat(events.get(events.size() - 1).to()).isEqualTo(guard.state());
    }
}
