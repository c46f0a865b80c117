package dev.selfheal.alerting;

/**
 * Where notifications leave selfheal: Slack, PagerDuty, a webhook, email, Alertmanager, the
 * log. Implementations live in {@code selfheal-integrations}; each runs the
 * {@code NotificationChannelContract} from the core test jar.
 *
 * <p>{@link #send} blocks until the far side accepted the notification, and throws when it
 * did not (a non-2xx answer, a timeout): the dispatcher retries, rate-limits and falls back
 * around it. An implementation must never put a secret (token, routing key, password, HMAC
 * key) in an exception message.
 */
public interface NotificationChannel {

    /** The channel's kind, e.g. {@code slack}, {@code pagerduty}, {@code log}. */
    String type();

    void send(Notification notification) throws Exception;
}
