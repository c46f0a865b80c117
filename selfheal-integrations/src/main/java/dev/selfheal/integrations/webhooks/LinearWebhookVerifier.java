package dev.selfheal.integrations.webhooks;

import java.util.Map;
import java.util.Optional;

/** Linear: {@code Linear-Signature: <hex HMAC-SHA256 of the body with the webhook secret>}. */
public final class LinearWebhookVerifier implements WebhookVerifier {

    public static final String HEADER = "Linear-Signature";

    private final byte[] secret;

    public LinearWebhookVerifier(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the Linear webhook secret must not be empty");
        }
        this.secret = Hmac.bytes(secret);
    }

    @Override
    public String source() {
        return "linear";
    }

    @Override
    public Verification verify(byte[] body, Map<String, String> headers) {
        Optional<String> signature = WebhookVerifier.header(headers, HEADER);
        if (signature.isEmpty()) {
            return Verification.rejected("missing " + HEADER);
        }
        return Hmac.matches(Hmac.sha256(secret, body), signature.get())
                ? Verification.ACCEPTED : Verification.rejected(HEADER + " does not match the body");
    }

    public String sign(byte[] body) {
        return Hmac.sha256Hex(secret, body);
    }
}
