package dev.selfheal.alerting.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.RecordingChannel;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private final VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-03-02T10:00:00Z"));
    private final RecordingChannel slack = new RecordingChannel();
    private final RecordingChannel email = new RecordingChannel();
    private final List<Delivery> outcomes = new ArrayList<>();

    private Dispatcher dispatcher(Receiver... receivers) {
        Map<String, Receiver> map = new java.util.LinkedHashMap<>();
        for (Receiver r : receivers) {
            map.put(r.name(), r);
        }
        return new Dispatcher(clock, Runnable::run, map, new Dispatcher.Settings(3, Duration.ofSeconds(1)));
    }

    private Notification to(String receiver) {
        return new Notification(Notification.Kind.FIRING, receiver, "g", List.of(), "", clock.now());
    }

    @Test
    void a_failing_call_is_retried_with_backoff_on_the_scheduler() {
        Dispatcher d = dispatcher(Receiver.of("slack", slack.failNext(2)));
        d.deliver(to("slack"), outcomes::add);
        assertThat(slack.calls()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(slack.calls()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(2));
        assertThat(slack.calls()).isEqualTo(3);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.deliveredBy()).contains("slack");
            assertThat(o.attempts()).isEqualTo(3);
        });
    }

    @Test
    void a_channel_that_keeps_failing_falls_back_to_the_next_receiver() {
        Dispatcher d = dispatcher(Receiver.of("slack", slack.failAlways()).fallingBackTo("email"), Receiver.of("email", email));
        d.deliver(to("slack"), outcomes::add);
        clock.advance(Duration.ofSeconds(10));
        assertThat(slack.calls()).isEqualTo(3);
        assertThat(email.sent()).singleElement().satisfies(n -> assertThat(n.receiver()).isEqualTo("email"));
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.deliveredBy()).contains("email"));
        assertThat(d.counts("slack")).isEqualTo(new Dispatcher.Counts(0, 3, 0, 1));
    }

    @Test
    void over_its_rate_limit_a_channel_passes_to_its_fallback_and_refills_with_time() {
        Dispatcher d = dispatcher(Receiver.of("slack", slack).limitedTo(2).fallingBackTo("email"), Receiver.of("email", email));
        for (int i = 0; i < 3; i++) {
            d.deliver(to("slack"), outcomes::add);
        }
        assertThat(slack.sent()).hasSize(2);
        assertThat(email.sent()).hasSize(1);
        clock.advance(Duration.ofSeconds(30));
        d.deliver(to("slack"), outcomes::add);
        assertThat(slack.sent()).hasSize(3);
    }

    @Test
    void when_every_receiver_fails_the_caller_hears_the_last_error() {
        Dispatcher d = dispatcher(Receiver.of("slack", slack.failAlways()));
        d.deliver(to("slack"), outcomes::add);
        clock.advance(Duration.ofMinutes(1));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.delivered()).isFalse();
            assertThat(o.error()).contains("503");
        });
    }

    @Test
    void through_a_guard_a_dead_channel_opens_its_breaker_and_later_notifications_go_straight_to_the_fallback() {
        // Given slack's calls go through a resilience guard (retries, breaker) and fall back to email
        dev.selfheal.resilience.GuardRegistry registry = dev.selfheal.resilience.GuardRegistry.builder()
                .scheduler(clock).eventBus(new dev.selfheal.events.EventBus())
                .meterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                .outboxStore(new dev.selfheal.resilience.InMemoryOutboxStore())
                .replayExecutor(Runnable::run).random(new java.util.Random(1)).sleeper(clock::advance).build();
        dev.selfheal.resilience.Guard guard = registry.register(dev.selfheal.resilience.GuardConfig.defaults("notify-slack"));
        Map<String, Receiver> map = new java.util.LinkedHashMap<>();
        map.put("slack", Receiver.of("slack", slack.failAlways()).fallingBackTo("email"));
        map.put("email", Receiver.of("email", email));
        Dispatcher d = new Dispatcher(clock, Runnable::run, map, Dispatcher.Settings.DEFAULT,
                name -> name.equals("slack") ? java.util.Optional.of(guard) : java.util.Optional.empty());
        // When ten notifications go to slack
        for (int i = 0; i < 10; i++) {
            d.deliver(to("slack"), outcomes::add);
        }
        // Then every one reached email, and once the breaker opened slack was not called any more
        assertThat(email.sent()).hasSize(10);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.deliveredBy()).contains("email"));
        assertThat(guard.state()).isEqualTo(dev.selfheal.status.BreakerState.OPEN);
        int callsWhenOpen = slack.calls();
        d.deliver(to("slack"), outcomes::add);
        assertThat(slack.calls()).isEqualTo(callsWhenOpen);
        registry.close();
    }
}
