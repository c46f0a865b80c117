package dev.selfheal.resilience.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The four strategies' delays as properties: bounds, growth, cap, jitter range. */
class RetryStrategyPropertiesTest {

    @Property
    void exponentialDelaysStayWithinTheFullJitterRange(
            @ForAll @LongRange(min = 1, max = 10_000) long initialMillis,
            @ForAll @IntRange(min = 0, max = 40) int attempt,
            @ForAll long seed) {
        ExponentialBackoff strategy = new ExponentialBackoff(Duration.ofMillis(initialMillis), 2.0, Duration.ofSeconds(60), new SplittableRandom(seed));
        Duration ceiling = strategy.ceiling(attempt);
        Duration delay = strategy.delay(attempt, new IOException());

        assertThat(delay).isBetween(Duration.ZERO, ceiling);
        assertThat(ceiling).isLessThanOrEqualTo(Duration.ofSeconds(60));
        long expected = (long) Math.min(60_000, initialMillis * Math.pow(2, attempt));
        assertThat(ceiling.toMillis()).isEqualTo(expected);
    }

    @Property
    void exponentialCeilingsGrowUntilTheCap(
            @ForAll @LongRange(min = 1, max = 5_000) long initialMillis,
            @ForAll @IntRange(min = 0, max = 40) int attempt) {
        ExponentialBackoff strategy = new ExponentialBackoff(Duration.ofMillis(initialMillis), 2.0, Duration.ofSeconds(60), new SplittableRandom(1));
        Duration now = strategy.ceiling(attempt);
        Duration next = strategy.ceiling(attempt + 1);
        if (now.compareTo(Duration.ofSeconds(60)) < 0) {
            assertThat(next).isGreaterThan(now);
        } else {
            assertThat(next).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Property(tries = 50)
    void fullJitterCoversTheWholeRangeNotJustTheTop(@ForAll long seed, @ForAll @IntRange(min = 3, max = 10) int attempt) {
        ExponentialBackoff strategy = new ExponentialBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(60), new SplittableRandom(seed));
        long ceiling = strategy.ceiling(attempt).toMillis();
        long below = 0;
        long above = 0;
        for (int i = 0; i < 400; i++) {
            long d = strategy.delay(attempt, null).toMillis();
            if (d < ceiling / 2) {
                below++;
            } else {
                above++;
            }
        }
        // uniform: each half holds about 200 of 400; far outside 120..280 would not be full jitter
        assertThat(below).isBetween(120L, 280L);
        assertThat(above).isBetween(120L, 280L);
    }

    @Property
    void linearDelaysGrowByTheIncrementUntilTheCap(
            @ForAll @LongRange(min = 1, max = 10_000) long initialMillis,
            @ForAll @LongRange(min = 0, max = 10_000) long incrementMillis,
            @ForAll @IntRange(min = 0, max = 1000) int attempt) {
        LinearBackoff strategy = new LinearBackoff(Duration.ofMillis(initialMillis), Duration.ofMillis(incrementMillis), Duration.ofSeconds(60));
        Duration d = strategy.delay(attempt, null);
        Duration next = strategy.delay(attempt + 1, null);

        assertThat(d.toMillis()).isEqualTo(Math.min(60_000, initialMillis + incrementMillis * attempt));
        assertThat(next).isGreaterThanOrEqualTo(d);
        assertThat(next.minus(d)).isLessThanOrEqualTo(Duration.ofMillis(incrementMillis));
        assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Property
    void fixedDelaysNeverChange(@ForAll @LongRange(min = 0, max = 60_000) long millis, @ForAll @IntRange(min = 0, max = 1000) int attempt) {
        FixedInterval strategy = new FixedInterval(Duration.ofMillis(millis));
        assertThat(strategy.delay(attempt, new IOException())).isEqualTo(Duration.ofMillis(millis));
    }

    @Property
    void adaptiveDelaysAreTheMeanOfSuccessfulDelaysTimesAttemptPlusOneCappedAt60s(
            @ForAll("delays") List<Long> successfulMillis,
            @ForAll @IntRange(min = 0, max = 20) int attempt) {
        AdaptiveRetryStrategy strategy = AdaptiveRetryStrategy.withDefaults();
        for (long ms : successfulMillis) {
            strategy.recordSuccess("ConnectException", Duration.ofMillis(ms));
        }
        // the bound: past 100 delays, keep the newest 50
        java.util.ArrayList<Long> kept = new java.util.ArrayList<>();
        for (long ms : successfulMillis) {
            kept.add(ms);
            if (kept.size() > 100) {
                kept.subList(0, kept.size() - 50).clear();
            }
        }
        double mean = kept.stream().mapToLong(Long::longValue).average().orElseThrow();

        Duration d = strategy.delay(attempt, new ConnectException());

        assertThat(d.toMillis()).isEqualTo(Math.min(60_000, Math.round(mean * (attempt + 1))));
        assertThat(strategy.historySize("ConnectException")).isBetween(1, 100);
    }

    @Property
    void adaptiveHistoryIsBoundedToTheNewest50Once100IsPassed(@ForAll @IntRange(min = 1, max = 500) int successes) {
        AdaptiveRetryStrategy strategy = AdaptiveRetryStrategy.withDefaults();
        for (int i = 0; i < successes; i++) {
            strategy.recordSuccess("SocketTimeoutException", Duration.ofMillis(i));
        }
        assertThat(strategy.historySize("SocketTimeoutException")).isBetween(Math.min(successes, 50), 100);
    }

    @Property
    void adaptiveSuggestsAPatternBasedDelayBeforeAnyHistoryWithinTheCap(@ForAll @IntRange(min = 0, max = 50) int attempt) {
        AdaptiveRetryStrategy strategy = AdaptiveRetryStrategy.withDefaults();
        Duration rateLimited = strategy.delay(attempt, new HttpStatusException(429, Map.of()));
        Duration serverError = strategy.delay(attempt, new HttpStatusException(503, Map.of()));
        Duration refused = strategy.delay(attempt, new ConnectException());

        assertThat(List.of(rateLimited, serverError, refused)).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(1), Duration.ofSeconds(60)));
        // suggestions never shrink as attempts go on
        assertThat(strategy.delay(attempt + 1, new HttpStatusException(429, Map.of()))).isGreaterThanOrEqualTo(rateLimited);
        assertThat(strategy.delay(attempt + 1, new HttpStatusException(503, Map.of()))).isGreaterThanOrEqualTo(serverError);
        assertThat(strategy.delay(attempt + 1, new ConnectException())).isGreaterThanOrEqualTo(refused);
        // a rate limit asks for a longer first wait than a 5xx
        assertThat(strategy.delay(0, new HttpStatusException(429, Map.of()))).isGreaterThan(strategy.delay(0, new HttpStatusException(503, Map.of())));
        assertThat(strategy.historySize("http_429")).isZero();
    }

    @Property
    void resilience4jAttemptNumbersMapToZeroBasedAttempts(@ForAll @IntRange(min = 1, max = 30) int attemptsMade) {
        LinearBackoff strategy = new LinearBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(600));
        long millis = strategy.apply(attemptsMade, io.github.resilience4j.core.functions.Either.left(new IOException()));
        assertThat(millis).isEqualTo(1000L * attemptsMade);
    }

    @Provide
    Arbitrary<List<Long>> delays() {
        return Arbitraries.longs().between(0, 70_000).list().ofMinSize(1).ofMaxSize(250);
    }
}
