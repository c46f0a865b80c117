package dev.selfheal.alerting;

import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.alerting.routing.RoutedTo;
import dev.selfheal.alerting.rules.Silences;
import dev.selfheal.events.SilenceExpiring;
import java.util.List;
import java.util.Optional;

/**
 * Who hears that a silence ends soon: the configured {@code reminder-receiver}, else whoever its
 * alerts would reach, the receivers of the routes its equality matchers select (so a silence on
 * {@code team=data} reminds the data team), the root's when none is selected.
 */
final class SilenceReminders {

    private final Optional<String> reminderReceiver;
    private final Silences silences;
    private final RouteTree routes;

    SilenceReminders(Optional<String> reminderReceiver, Silences silences, RouteTree routes) {
        this.reminderReceiver = reminderReceiver;
        this.silences = silences;
        this.routes = routes;
    }

    /** One reminder per receiver that should hear of the silence's end. */
    List<Notification> reminders(SilenceExpiring e) {
        List<String> receivers = reminderReceiver.map(List::of).orElseGet(() -> silences.find(e.silenceId())
                .map(s -> routes.route(s.impliedLabels()).stream().map(RoutedTo::receiver).distinct().toList())
                .filter(r -> !r.isEmpty()).orElse(List.of(routes.root().receiver().orElseThrow())));
        return receivers.stream().map(receiver -> new Notification(Notification.Kind.SILENCE_EXPIRING, receiver,
                "silence/" + e.silenceId(), List.of(), "silence %s by %s ends at %s: %s".formatted(e.silenceId(),
                e.createdBy(), e.endsAt(), e.comment()), e.at())).toList();
    }
}
