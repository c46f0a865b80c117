package dev.selfheal.alerting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A receiver's channel on a node of a cluster: a notification is recorded in the shared
 * {@link NotificationLog} (under the lease) before the channel is called, and one another node
 * already sent is not sent again. A node that does not hold the lease cannot record, so its
 * {@link #send} throws and nothing leaves it.
 *
 * <p>The record comes first: a leader that dies between the record and the call loses that
 * notification (the next leader sees it recorded). Sending it twice is what this prevents; a
 * retry of a failed call by the same leader under the same lease is let through.
 */
public final class OnceAcrossCluster implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(OnceAcrossCluster.class);

    private final NotificationChannel channel;
    private final NotificationLog notificationLog;

    public OnceAcrossCluster(NotificationChannel channel, NotificationLog notificationLog) {
        this.channel = channel;
        this.notificationLog = notificationLog;
    }

    @Override
    public String type() {
        return channel.type();
    }

    @Override
    public void send(Notification notification) throws Exception {
        String key = NotificationLog.keyOf(notification);
        if (!notificationLog.claim(key, notification)) {
            log.info("event=notification_already_sent receiver={} kind={} title=\"{}\" key={}", notification.receiver(),
                    notification.kind().label(), notification.title(), key.substring(0, 12));
            return;
        }
        channel.send(notification);
    }
}
