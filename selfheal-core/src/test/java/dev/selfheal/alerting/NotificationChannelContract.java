package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link NotificationChannel} runs (core test jar), each against a real
 * local receiver: a notification arrives and names its component, a resolved one arrives too,
 * and a failing receiver makes {@code send} throw without the channel's credential in the message.
 */
public abstract class NotificationChannelContract {

    public static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    protected abstract NotificationChannel channel() throws Exception;

    /** What the receiver got, one string per request or message, oldest first. */
    protected abstract List<String> received() throws Exception;

    /** Makes the receiver fail every later call. */
    protected abstract void breakReceiver() throws Exception;

    /** The credential the channel holds (routing key, token, password, HMAC key, secret URL part); empty when none. */
    protected abstract String secret();

    public static Alert sampleAlert(AlertStatus status) {
        return new Alert("al-0001", "00ff00ff00ff00ff", "worker-1", "process_down", Map.of("env", "prod"), AlertSeverity.CRITICAL,
                Urgency.HIGH, status, Optional.of("inc-42"), "worker-1 exited with code 137", AT, AT, status == AlertStatus.RESOLVED
                ? Optional.of(AT.plusSeconds(300)) : Optional.empty(), false, Optional.of(AT), Set.of("r"), Optional.empty(), "",
                Optional.empty());
    }

    public static Notification sample(Notification.Kind kind) {
        return new Notification(kind, "r", "root{component=worker-1}", List.of(sampleAlert(kind == Notification.Kind.RESOLVED
                ? AlertStatus.RESOLVED : AlertStatus.SENT)), kind == Notification.Kind.RESOLVED ? "healed by restart_service" : "", AT);
    }

    @Test
    void a_firing_notification_reaches_the_receiver_and_names_the_component() throws Exception {
        channel().send(sample(Notification.Kind.FIRING));
        assertThat(received()).singleElement().asString().contains("worker-1");
    }

    @Test
    void a_resolved_notification_reaches_the_receiver() throws Exception {
        channel().send(sample(Notification.Kind.RESOLVED));
        // by component, or (PagerDuty: resolve events carry only the dedup key) by the alert's id
        assertThat(received()).singleElement().asString().matches(s -> s.contains("worker-1") || s.contains("al-0001"), "names the alert");
    }

    @Test
    void a_failing_receiver_makes_send_throw_without_the_credential_in_the_message() throws Exception {
        breakReceiver();
        NotificationChannel channel = channel();
        assertThatThrownBy(() -> channel.send(sample(Notification.Kind.FIRING))).satisfies(e -> {
            if (!secret().isEmpty()) {
                assertThat(String.valueOf(e.getMessage())).doesNotContain(secret());
                assertThat(String.valueOf(e)).doesNotContain(secret());
            }
        });
    }
}
