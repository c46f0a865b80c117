package dev.selfheal.bench.heal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The baseline's restart back-off behaves as the kubelet's: immediate, then 10 s doubling to 300 s, forgotten after 10 min. */
class KubeletBackoffTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final KubeletBackoff backoff = new KubeletBackoff(Duration.ofSeconds(10), Duration.ofSeconds(300), now::get);

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void theFirstRestartIsImmediateThenTheWaitDoublesUpToFiveMinutes() {
        assertThat(backoff.remaining("c", now.get())).isZero();
        backoff.next("c", now.get());
        long[] expected = {10, 20, 40, 80, 160, 300, 300};
        for (long seconds : expected) {
            advance(Duration.ofSeconds(1));
            Instant finished = now.get();
            assertThat(backoff.remaining("c", finished)).isEqualTo(Duration.ofSeconds(seconds));
            advance(Duration.ofSeconds(seconds));
            assertThat(backoff.remaining("c", finished)).isZero();
            backoff.next("c", finished);
        }
    }

    @Test
    void aContainerThatRanLongerThanTenMinutesRestartsAtOnceAgain() {
        backoff.next("c", now.get());
        advance(Duration.ofSeconds(1));
        backoff.next("c", now.get());
        advance(Duration.ofMinutes(11));
        assertThat(backoff.remaining("c", now.get())).isZero();
        backoff.next("c", now.get());
        advance(Duration.ofSeconds(1));
        assertThat(backoff.remaining("c", now.get())).isEqualTo(Duration.ofSeconds(10));
        backoff.reset();
        assertThat(backoff.remaining("c", now.get())).isZero();
    }
}
