package dev.selfheal.integrations.channels.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures of webhook bodies: how we sign, and how a receiver checks. */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Selfheal-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Selfheal-Signature";

    private WebhookSignature() { }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code key}. */
    public static String sign(String key, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code signatureHeader} is right for the body and the timestamp is within {@code tolerance} of {@code now}. */
    public static boolean verify(String key, String timestamp, String body, String signatureHeader, Instant now, Duration tolerance) {
        if (signatureHeader == null || !signatureHeader.startsWith("sha256=") || timestamp == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - ts) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(key, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signatureHeader.substring(7).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
