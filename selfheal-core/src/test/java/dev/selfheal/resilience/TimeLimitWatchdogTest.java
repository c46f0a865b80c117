package dev.selfheal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The watchdog on virtual time: sweeps run only when the test moves time, so every case is exact. */
class TimeLimitWatchdogTest {

    private static final long LIMIT = Duration.ofMillis(100).toNanos();

    private final VirtualScheduler time = new VirtualScheduler();
    private final TimeLimitWatchdog watchdog = new TimeLimitWatchdog(time, Duration.ofMillis(10));

    @Test
    void anAttemptThatEndsInTimeIsNeitherInterruptedNorLate() {
        TimeLimitWatchdog.Slot slot = watchdog.begin(LIMIT);
        time.advance(Duration.ofMillis(90));

        assertThat(slot.end()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        time.advance(Duration.ofSeconds(1));
        assertThat(Thread.currentThread().isInterrupted()).as("a sweep after the end must not interrupt").isFalse();
    }

    @Test
    void aLateAttemptIsInterruptedWithinOneResolutionOfItsDeadlineAndTheFlagIsClearedAtItsEnd() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        CompletableFuture<Boolean> late = CompletableFuture.supplyAsync(() -> {
            TimeLimitWatchdog.Slot slot = watchdog.begin(LIMIT);
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
            }
            boolean timedOut = slot.end();
            return timedOut && !Thread.currentThread().isInterrupted();
        }, runnable -> Thread.ofVirtual().start(runnable));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        time.advance(Duration.ofMillis(99));
        assertThat(late).isNotDone();
        time.advance(Duration.ofMillis(11));

        assertThat(late.get(30, TimeUnit.SECONDS)).as("timed out, interrupt flag cleared").isTrue();
        assertThat(sawInterrupt).isTrue();
    }

    @Test
    void anAttemptThatIgnoresTheInterruptButEndsLateStillCountsAsTimedOut() {
        TimeLimitWatchdog.Slot slot = watchdog.begin(LIMIT);
        time.advance(Duration.ofMillis(150)); // the sweep interrupts this very thread

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(slot.end()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("the watchdog's interrupt is taken back").isFalse();
    }

    @Test
    void aSlotReusedByTheNextAttemptIsJudgedByTheNewDeadline() {
        watchdog.begin(LIMIT).end();
        time.advance(Duration.ofMillis(80));
        TimeLimitWatchdog.Slot second = watchdog.begin(LIMIT);
        time.advance(Duration.ofMillis(80)); // past the first deadline, not the second

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(second.end()).isFalse();
    }

    @Test
    void nestedAttemptsOnOneThreadHaveTheirOwnDeadlines() {
        TimeLimitWatchdog.Slot outer = watchdog.begin(LIMIT);
        TimeLimitWatchdog.Slot inner = watchdog.begin(Duration.ofMillis(30).toNanos());
        assertThat(inner).isNotSameAs(outer);
        assertThat(watchdog.running()).isEqualTo(2);

        time.advance(Duration.ofMillis(40));
        assertThat(inner.end()).isTrue();
        assertThat(outer.end()).isFalse();
        assertThat(watchdog.running()).isZero();
    }

    @Test
    void sweepsRunOnlyWhileAnAttemptRuns() {
        assertThat(time.pending()).isZero();
        TimeLimitWatchdog.Slot slot = watchdog.begin(LIMIT);
        assertThat(time.pending()).isEqualTo(1);
        time.advance(Duration.ofMillis(50));
        assertThat(time.pending()).as("still running: still swept").isEqualTo(1);

        slot.end();
        time.advance(Duration.ofMillis(10));
        assertThat(time.pending()).as("idle: no timer left behind").isZero();

        watchdog.begin(LIMIT).end();
        assertThat(time.pending()).as("re-armed by the next attempt").isEqualTo(1);
    }

    @Test
    void theSlotsOfThreadsThatHaveEndedAreForgotten() throws Exception {
        Thread worker = Thread.ofVirtual().start(() -> watchdog.begin(LIMIT).end());
        worker.join();
        TimeLimitWatchdog.Slot mine = watchdog.begin(LIMIT);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            time.advance(Duration.ofMillis(10));
            assertThat(slotCount()).isEqualTo(1);
        });
        mine.end();
    }

    private int slotCount() throws Exception {
        var field = TimeLimitWatchdog.class.getDeclaredField("slots");
        field.setAccessible(true);
        return ((java.util.Set<?>) field.get(watchdog)).size();
    }
}
