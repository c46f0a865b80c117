package dev.selfheal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBusTest {

    private final EventBus bus = new EventBus();

    private static CheckCompleted completed(String component) {
        return new CheckCompleted(component, "system", HealthCheckResult.healthy("ok").stamped(Duration.ZERO, Instant.EPOCH));
    }

    @Test
    void subscribers_get_the_events_of_their_type_in_order() {
        List<String> seen = new ArrayList<>();
        bus.subscribe(CheckCompleted.class, e -> seen.add("completed:" + e.component()));
        bus.subscribe(SelfHealEvent.class, e -> seen.add("any:" + e.getClass().getSimpleName()));

        bus.publish(completed("a"));
        bus.publish(new ComponentStatusChanged("a", "system", HealthStatus.UNKNOWN, HealthStatus.HEALTHY, Instant.EPOCH, "first", List.of()));

        assertThat(seen).containsExactly("completed:a", "any:CheckCompleted", "any:ComponentStatusChanged");
    }

    @Test
    void a_subscriber_that_throws_does_not_stop_the_others() {
        List<String> seen = new ArrayList<>();
        bus.subscribe(CheckCompleted.class, e -> {
            throw new IllegalStateException("broken listener");
        });
        bus.subscribe(CheckCompleted.class, e -> seen.add(e.component()));

        bus.publish(completed("a"));

        assertThat(seen).containsExactly("a");
        assertThat(bus.subscriberFailureCount()).isEqualTo(1);
    }

    @Test
    void a_closed_subscription_gets_nothing_more() {
        List<String> seen = new ArrayList<>();
        EventBus.Subscription subscription = bus.subscribe(CheckCompleted.class, e -> seen.add(e.component()));

        bus.publish(completed("a"));
        subscription.close();
        bus.publish(completed("b"));

        assertThat(seen).containsExactly("a");
    }
}
