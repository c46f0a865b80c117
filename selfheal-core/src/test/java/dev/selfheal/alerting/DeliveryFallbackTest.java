package dev.selfheal.alerting;

import static dev.selfheal.alerting.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.routing.Delivery;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryFallbackTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final Alert sent = alert("db", "process_down", AlertSeverity.CRITICAL, T0).notified(Set.of("pager", "chat"), T0);

    @Test
    void delivered_by_a_fallback_receiver_means_that_one_was_told_instead() {
        Optional<DeliveryFallback.Change> c = DeliveryFallback.apply(sent, new Delivery("pager", Optional.of("email"), 3, ""), T0);
        assertThat(c).isPresent();
        assertThat(c.get().alert().told()).containsExactlyInAnyOrder("chat", "email");
        assertThat(c.get().decision().outcome()).isEqualTo(Decision.Outcome.SENT);
        assertThat(c.get().decision().detail()).isEqualTo("fell back from pager");
        assertThat(c.get().decision().receivers()).containsExactly("email");
    }

    @Test
    void not_delivered_means_the_receiver_was_not_told_and_says_why() {
        Optional<DeliveryFallback.Change> c = DeliveryFallback.apply(sent, new Delivery("pager", Optional.empty(), 3, "503"), T0);
        assertThat(c).isPresent();
        assertThat(c.get().alert().told()).containsExactly("chat");
        assertThat(c.get().alert().status()).isEqualTo(AlertStatus.SENT);
        assertThat(c.get().decision().reason()).contains(HoldReason.DELIVERY_FAILED);
        assertThat(c.get().decision().detail()).endsWith("pager: 503");
    }

    @Test
    void delivered_as_addressed_changes_nothing() {
        assertThat(DeliveryFallback.apply(sent, new Delivery("pager", Optional.of("pager"), 1, ""), T0)).isEmpty();
    }
}
