package dev.selfheal.integrations.channels.log;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes notifications to the log (logger {@code selfheal.notifications}), one key=value line per alert. */
public final class LogChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger("selfheal.notifications");

    @Override
    public String type() {
        return "log";
    }

    @Override
    public void send(Notification n) {
        if (n.alerts().isEmpty()) {
            log.warn("event=notification kind={} receiver={} note=\"{}\"", n.kind().label(), n.receiver(), n.note());
            return;
        }
        for (Alert a : n.alerts()) {
            log.warn("event=notification kind={} receiver={} group=\"{}\" alert={} component={} problem={} severity={} urgency={} "
                            + "status={} flapping={} incident={} summary=\"{}\" note=\"{}\"", n.kind().label(), n.receiver(), n.groupKey(),
                    a.id(), a.component(), a.problemType(), a.severity().label(), a.urgency().label(), a.status().label(), a.flapping(),
                    a.incidentId().orElse("-"), a.summary(), n.note());
        }
    }
}
