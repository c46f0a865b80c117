package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static dev.selfheal.resilience.GuardFixture.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.events.OutboxFilling;
import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.status.BreakerState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sends that cannot be made are parked and replayed in order once the breaker closes. */
class OutboxFallbackTest {

    private final List<String> delivered = new CopyOnWriteArrayList<>();

    private GuardFixture slackWithOutbox(long capacity) {
        GuardFixture f = new GuardFixture(config("slack").retry(RetrySettings.none()).fallback(Fallback.outbox(capacity)).build());
        f.guard("slack").outbox().registerHandler("post_message", m -> delivered.add(m.idempotencyKey() + ":" + m.payload()));
        return f;
    }

    @Test
    void parkedSendsAreReplayedInOrderWhenTheBreakerCloses() {
        // Given slack's breaker open
        GuardFixture f = slackWithOutbox(100);
        Guard guard = f.guard("slack");
        guard.forceOpen();

        // When five messages are sent
        List<SendOutcome> deliveries = IntStream.range(0, 5).mapToObj(i -> guard.outbox().send("post_message", "m" + i, "text " + i)).toList();

        // Then all are parked, none delivered, and the outbox gauge shows them
        assertThat(deliveries).allSatisfy(d -> assertThat(d).isInstanceOf(SendOutcome.Parked.class));
        assertThat(delivered).isEmpty();
        assertThat(f.gauge("selfheal.outbox.size", "integration", "slack")).isEqualTo(5);

        // When the breaker closes
        guard.reset();

        // Then they are delivered in order and the outbox is empty
        assertThat(delivered).containsExactly("m0:text 0", "m1:text 1", "m2:text 2", "m3:text 3", "m4:text 4");
        assertThat(guard.parkedCount()).isZero();
        assertThat(f.outbox.pending("slack", 10)).isEmpty();
        assertThat(f.gauge("selfheal.outbox.size", "integration", "slack")).isZero();
    }

    @Test
    void aFailingSendIsParkedAndLaterSendsQueueBehindIt() {
        GuardFixture f = new GuardFixture(config("slack").retry(RetrySettings.none()).fallback(Fallback.outbox(100)).build());
        Guard guard = f.guard("slack");
        boolean[] down = {true};
        guard.outbox().registerHandler("post", m -> {
            if (down[0]) {
                throw new IOException("slack down");
            }
            delivered.add(m.idempotencyKey());
        });

        // When the first send fails (the breaker stays closed: 1 of 3 failures)
        SendOutcome first = guard.outbox().send("post", "a", "1");
        assertThat(first).isInstanceOfSatisfying(SendOutcome.Parked.class, p -> assertThat(p.reason()).contains("slack down"));
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);

        // And slack recovers before the next send
        down[0] = false;
        SendOutcome second = guard.outbox().send("post", "b", "2");

        // Then the second queued behind the first and the replay it started delivered both, in order
        assertThat(second).isInstanceOf(SendOutcome.Parked.class);
        assertThat(delivered).containsExactly("a", "b");
        assertThat(guard.outbox().send("post", "c", "3")).isEqualTo(new SendOutcome.Delivered("c"));
        assertThat(delivered).containsExactly("a", "b", "c");
    }

    @Test
    void replayStopsAtAFailureToKeepOrderAndDropsWhatTheFarSideRefusesForGood() {
        GuardFixture f = new GuardFixture(config("github").retry(RetrySettings.none()).fallback(Fallback.outbox(100))
                .breaker(BreakerSettings.consecutiveFailures(50, Duration.ofSeconds(60))).build());
        Guard guard = f.guard("github");
        int[] failuresLeft = {1};
        guard.outbox().registerHandler("comment", m -> {
            if (m.idempotencyKey().equals("bad")) {
                throw http(422);
            }
            if (m.idempotencyKey().equals("c2") && failuresLeft[0]-- > 0) {
                throw http(503);
            }
            delivered.add(m.idempotencyKey());
        });
        guard.forceOpen();
        for (String key : List.of("c1", "bad", "c2", "c3")) {
            guard.outbox().send("comment", key, "body");
        }
        // When the breaker closes (the transition starts a replay)
        guard.reset();

        // Then c1 went, 'bad' is dead, c2 failed and stopped the replay so that c3 does not overtake it
        assertThat(delivered).containsExactly("c1");
        assertThat(f.outbox.dead("github", 10)).extracting(e -> e.idempotencyKey()).containsExactly("bad");
        assertThat(f.outbox.pending("github", 10)).extracting(e -> e.idempotencyKey()).containsExactly("c2", "c3");
        assertThat(f.outbox.pending("github", 10).get(0).lastError()).hasValueSatisfying(e -> assertThat(e).contains("HTTP 503"));

        // When it is replayed again, the rest goes in order
        assertThat(guard.outbox().replayParked()).isEqualTo(2);
        assertThat(delivered).containsExactly("c1", "c2", "c3");
    }

    @Test
    void aCallParkedOnPurposeWaitsWhileReplayIsHeldAndGoesOnceWhenReleased() {
        // Given slack with an outbox whose replay is held while notifications are off
        GuardFixture f = slackWithOutbox(100);
        Guard guard = f.guard("slack");
        boolean[] notificationsOn = {false};
        guard.outbox().replayOnlyWhile(() -> notificationsOn[0]);

        // When two messages are parked without being tried, and replay is asked for while held
        SendOutcome first = guard.outbox().park("post_message", "n1", "one", "notifications are off");
        guard.outbox().park("post_message", "n2", "two", "notifications are off");
        assertThat(guard.outbox().replayParked()).isZero();
        guard.reset(); // a breaker closing replays too: still held

        // Then nothing was delivered and both wait, in order
        assertThat(first).isInstanceOfSatisfying(SendOutcome.Parked.class, p -> assertThat(p.reason()).isEqualTo("notifications are off"));
        assertThat(delivered).isEmpty();
        assertThat(f.outbox.pending("slack", 10)).extracting(e -> e.idempotencyKey()).containsExactly("n1", "n2");

        // When replay is allowed again
        notificationsOn[0] = true;

        // Then each is delivered once, in order
        assertThat(guard.outbox().replayParked()).isEqualTo(2);
        assertThat(guard.outbox().replayParked()).isZero();
        assertThat(delivered).containsExactly("n1:one", "n2:two");
    }

    @Test
    void parkingOnAGuardWithoutAnOutboxSaysWhy() {
        GuardFixture f = new GuardFixture(config("github").retry(RetrySettings.none()).build());
        Guard guard = f.guard("github");
        guard.outbox().registerHandler("comment", m -> delivered.add(m.idempotencyKey()));

        assertThatThrownBy(() -> guard.outbox().park("comment", "k", "body", "why"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot park a call to github/comment")
                .hasMessageContaining("not the outbox");
        assertThatThrownBy(() -> guard.outbox().park("unknown", "k", "body", "why"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no message handler for github/unknown");
    }

    @Test
    void theOutboxWarnsAsItFillsAndRefusesAtItsCap() {
        GuardFixture f = slackWithOutbox(10);
        Guard guard = f.guard("slack");
        guard.forceOpen();

        for (int i = 0; i < 10; i++) {
            guard.outbox().send("post_message", "m" + i, "x");
        }

        assertThat(f.events(OutboxFilling.class)).singleElement().satisfies(e -> {
            assertThat(e.parked()).isEqualTo(8);
            assertThat(e.capacity()).isEqualTo(10);
        });
        assertThatThrownBy(() -> guard.outbox().send("post_message", "m10", "x"))
                .isInstanceOf(OutboxFullException.class)
                .hasMessageContaining("neither made nor parked")
                .hasMessageContaining("cap");
        assertThat(f.outbox.pendingCount("slack")).isEqualTo(10);
    }

    @Test
    void sendingTheSameKeyTwiceParksItOnce() {
        GuardFixture f = slackWithOutbox(10);
        Guard guard = f.guard("slack");
        guard.forceOpen();

        guard.outbox().send("post_message", "same", "x");
        guard.outbox().send("post_message", "same", "x");
        guard.reset();

        assertThat(delivered).containsExactly("same:x");
    }

    @Test
    void sendNeedsARegisteredHandlerAndAKey() {
        GuardFixture f = slackWithOutbox(10);
        assertThatThrownBy(() -> f.guard("slack").outbox().send("upload_file", "k", "x"))
                .hasMessage("no message handler for slack/upload_file; registered operations: [post_message]");
        assertThatThrownBy(() -> f.guard("slack").outbox().send("post_message", " ", "x"))
                .hasMessage("send to slack/post_message needs an idempotency key");
    }
}
