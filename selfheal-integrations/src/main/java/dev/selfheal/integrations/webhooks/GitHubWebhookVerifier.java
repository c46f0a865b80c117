package dev.selfheal.integrations.webhooks;

import java.util.Map;
import java.util.Optional;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body with the webhook secret>}.
 * GitHub signs no timestamp; replays are recognised by {@code X-GitHub-Delivery} upstream (the
 * orchestrator's event ledger drops a repeated delivery id).
 */
public final class GitHubWebhookVerifier implements WebhookVerifier {

    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private final byte[] secret;

    public GitHubWebhookVerifier(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the GitHub webhook secret must not be empty");
        }
        this.secret = Hmac.bytes(secret);
    }

    @Override
    public String source() {
        return "github";
    }

    @Override
    public Verification verify(byte[] body, Map<String, String> headers) {
        Optional<String> signature = WebhookVerifier.header(headers, HEADER);
        if (signature.isEmpty()) {
            return Verification.rejected("missing " + HEADER);
        }
        if (!signature.get().startsWith(PREFIX)) {
            return Verification.rejected(HEADER + " must start with 'sha256='");
        }
        return Hmac.matches(Hmac.sha256(secret, body), signature.get().substring(PREFIX.length()))
                ? Verification.ACCEPTED : Verification.rejected(HEADER + " does not match the body");
    }

    /** The header value GitHub would send for {@code body} (for tests and the demo's own events). */
    public String sign(byte[] body) {
        return PREFIX + Hmac.sha256Hex(secret, body);
    }
}
