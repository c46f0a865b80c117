package dev.selfheal.alerting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The notifications sent across a cluster, shared by its nodes (as Alertmanager's notification
 * log): a node claims a notification before it calls the receiver, and sends only what it
 * claimed. The claim is written under the leader's lease, so a node that lost the lease (it
 * paused, or its database connection broke) cannot claim and does not send; and a notification
 * another holder already claimed within the log's window is not sent again. The JDBC
 * implementation on PostgreSQL is in {@code selfheal-store}.
 */
public interface NotificationLog {

    /**
     * Claims {@code notification} for this node: true when this node should send it now (no one
     * claimed it within the window, or this node did under its current lease and is retrying),
     * false when another holder already did.
     *
     * @throws dev.selfheal.cluster.FencedOutException when this node does not hold the lease
     */
    boolean claim(String key, Notification notification);

    /**
     * What makes two notifications the same one: receiver, kind, group, note and, for each
     * alert, its fingerprint with its incident (or its start when it has none). Two nodes raising
     * the alert of one incident compute the same key; a later escalation level or a new incident
     * does not.
     */
    static String keyOf(Notification n) {
        String alerts = n.alerts().stream()
                .map(a -> a.fingerprint() + "@" + a.incidentId().orElse(a.startsAt().toString()))
                .sorted().collect(Collectors.joining(","));
        String text = String.join("\u0000", n.receiver(), n.kind().name(), n.groupKey(), n.note(), alerts);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
