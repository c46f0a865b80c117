package dev.selfheal.integrations.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and a constant-time comparison of hex digests. */
final class Hmac {

    private Hmac() { }

    static byte[] sha256(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    static String sha256Hex(byte[] secret, byte[] message) {
        return HexFormat.of().formatHex(sha256(secret, message));
    }

    /**
     * Whether {@code presentedHex} is the hex of {@code expected}, in time that does not depend on
     * where they differ ({@link MessageDigest#isEqual} is constant-time for equal lengths).
     */
    static boolean matches(byte[] expected, String presentedHex) {
        byte[] presented = presentedHex.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] expectedHex = HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expectedHex, presented);
    }

    static byte[] bytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
