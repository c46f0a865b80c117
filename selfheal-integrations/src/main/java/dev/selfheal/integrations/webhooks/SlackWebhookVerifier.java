package dev.selfheal.integrations.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:" + X-Slack-Request-Timestamp + ":" + body>}
 * with the signing secret. A timestamp more than the tolerance (5 minutes, as Slack advises) away
 * from now is refused, so a captured request cannot be replayed later.
 */
public final class SlackWebhookVerifier implements WebhookVerifier {

    public static final String SIGNATURE = "X-Slack-Signature";
    public static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String VERSION = "v0";

    private final byte[] secret;
    private final InstantSource clock;
    private final Duration tolerance;

    public SlackWebhookVerifier(String signingSecret, InstantSource clock, Duration tolerance) {
        if (signingSecret == null || signingSecret.isEmpty()) {
            throw new IllegalArgumentException("the Slack signing secret must not be empty");
        }
        this.secret = Hmac.bytes(signingSecret);
        this.clock = clock;
        this.tolerance = tolerance;
    }

    public SlackWebhookVerifier(String signingSecret) {
        this(signingSecret, InstantSource.system(), DEFAULT_TOLERANCE);
    }

    @Override
    public String source() {
        return "slack";
    }

    @Override
    public Verification verify(byte[] body, Map<String, String> headers) {
        Optional<String> signature = WebhookVerifier.header(headers, SIGNATURE);
        Optional<String> timestamp = WebhookVerifier.header(headers, TIMESTAMP);
        if (signature.isEmpty()) {
            return Verification.rejected("missing " + SIGNATURE);
        }
        if (timestamp.isEmpty()) {
            return Verification.rejected("missing " + TIMESTAMP);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.get().strip());
        } catch (NumberFormatException e) {
            return Verification.rejected(TIMESTAMP + " is not a number of seconds: " + timestamp.get());
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            return Verification.rejected("%s is %ds away from now (tolerance %ds): a replay or a wrong clock"
                    .formatted(TIMESTAMP, skew.toSeconds(), tolerance.toSeconds()));
        }
        if (!signature.get().startsWith(VERSION + "=")) {
            return Verification.rejected(SIGNATURE + " must start with 'v0='");
        }
        return Hmac.matches(Hmac.sha256(secret, base(seconds, body)), signature.get().substring(3))
                ? Verification.ACCEPTED : Verification.rejected(SIGNATURE + " does not match the body and timestamp");
    }

    /** The signature Slack would send for {@code body} at {@code epochSeconds}. */
    public String sign(long epochSeconds, byte[] body) {
        return VERSION + "=" + Hmac.sha256Hex(secret, base(epochSeconds, body));
    }

    private static byte[] base(long seconds, byte[] body) {
        byte[] prefix = (VERSION + ":" + seconds + ":").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return all;
    }
}
