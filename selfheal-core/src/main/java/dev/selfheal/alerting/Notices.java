package dev.selfheal.alerting;

import dev.selfheal.alerting.routing.Delivery;
import dev.selfheal.alerting.routing.Dispatcher;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands notifications to the {@link Dispatcher} (whose channels run on its executor) and counts
 * them: grouped firing messages, resolved, acknowledged, escalation and reminder notices.
 */
final class Notices {

    private final Dispatcher dispatcher;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong resolved = new AtomicLong();

    Notices(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Sends one notification; {@code done} hears how its delivery ended. */
    void send(Notification notification, Consumer<Delivery> done) {
        sent.incrementAndGet();
        dispatcher.deliver(notification, done);
    }

    void send(Notification notification) {
        send(notification, d -> { });
    }

    /** One resolved notice to each receiver that was told of the alert; the decision that says so. */
    Decision resolved(Alert resolvedAlert, Collection<String> receivers, String why, Instant now) {
        List<String> told = List.copyOf(receivers);
        for (String receiver : told) {
            resolved.incrementAndGet();
            send(new Notification(Notification.Kind.RESOLVED, receiver, "resolved/" + resolvedAlert.fingerprint(),
                    List.of(resolvedAlert), why, now));
        }
        return Decision.of(resolvedAlert, now, Decision.Outcome.RESOLVED_NOTICE, why, told);
    }

    /** The receivers that were told hear who took the alert. */
    void acknowledged(Alert acked, Collection<String> receivers, String by, Instant now) {
        for (String receiver : receivers) {
            send(new Notification(Notification.Kind.ACKNOWLEDGED, receiver, "ack/" + acked.fingerprint(), List.of(acked),
                    "acknowledged by " + by, now));
        }
    }

    long sent() {
        return sent.get();
    }

    long resolved() {
        return resolved.get();
    }
}
