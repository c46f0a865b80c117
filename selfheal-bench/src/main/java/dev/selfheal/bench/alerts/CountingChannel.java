package dev.selfheal.bench.alerts;

import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import java.util.ArrayList;
import java.util.List;

/** A receiver that keeps what it got (kind, group, time, alert ids), for counting and checking. */
final class CountingChannel implements NotificationChannel {

    record Got(Notification.Kind kind, String group, java.time.Instant at, List<String> alertIds, List<String> components,
               List<String> incidents) { }

    final List<Got> got = new ArrayList<>();

    @Override
    public String type() {
        return "counting";
    }

    @Override
    public synchronized void send(Notification n) {
        got.add(new Got(n.kind(), n.groupKey(), n.at(), n.alerts().stream().map(a -> a.id()).toList(),
                n.alerts().stream().map(a -> a.component()).toList(),
                n.alerts().stream().map(a -> a.incidentId().orElse("")).toList()));
    }
}
