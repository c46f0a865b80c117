package dev.selfheal.alerting;

import dev.selfheal.alerting.routing.Delivery;
import dev.selfheal.alerting.routing.Dispatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands notifications to the {@link Dispatcher} (whose channels run on its executor) and counts
 * them: grouped firing messages, resolved, acknowledged, escalation and reminder notices. Every
 * notification about an incident's alert carries, in its note, why that incident's recovery plan
 * is ordered as it is, so the person told sees what healing tried first and on what evidence.
 */
final class Notices {

    private final Dispatcher dispatcher;
    private final Function<String, Optional<String>> planExplanations;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong resolved = new AtomicLong();

    Notices(Dispatcher dispatcher, Function<String, Optional<String>> planExplanations) {
        this.dispatcher = dispatcher;
        this.planExplanations = planExplanations;
    }

    /** Sends one notification; {@code done} hears how its delivery ended. */
    void send(Notification notification, Consumer<Delivery> done) {
        sent.incrementAndGet();
        dispatcher.deliver(explained(notification), done);
    }

    /** The notification with each of its incidents' plan explanations added to its note. */
    private Notification explained(Notification n) {
        Map<String, String> why = new LinkedHashMap<>();
        for (Alert a : n.alerts()) {
            a.incidentId().filter(id -> !why.containsKey(id)).ifPresent(id -> {
                try {
                    planExplanations.apply(id).filter(w -> !w.isBlank()).ifPresent(w -> why.put(id, w));
                } catch (RuntimeException e) {
                    // an explanation is extra words: a notification is never lost for want of one
                }
            });
        }
        if (why.isEmpty()) {
            return n;
        }
        List<String> lines = new ArrayList<>();
        if (!n.note().isEmpty()) {
            lines.add(n.note());
        }
        why.forEach((id, w) -> lines.add(why.size() == 1 ? "why this plan: " + w : "why the plan of incident " + id + ": " + w));
        return new Notification(n.kind(), n.receiver(), n.groupKey(), n.alerts(), String.join("\n", lines), n.at());
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
