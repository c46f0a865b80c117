package dev.selfheal.integrations.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    private static final byte[] BODY = "{\"action\":\"opened\",\"number\":7}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAMPERED = "{\"action\":\"opened\",\"number\":8}".getBytes(StandardCharsets.UTF_8);

    @Test
    void gitHubAcceptsItsOwnSignatureAndRejectsTamperedMissingAndWrongSecret() {
        var verifier = new GitHubWebhookVerifier("It's a Secret to Everybody");
        String signature = verifier.sign(BODY);

        assertThat(verifier.verify(BODY, Map.of("x-hub-signature-256", signature)).accepted()).isTrue();
        assertThat(verifier.verify(TAMPERED, Map.of("X-Hub-Signature-256", signature)))
                .isEqualTo(Verification.rejected("X-Hub-Signature-256 does not match the body"));
        assertThat(verifier.verify(BODY, Map.of())).isEqualTo(Verification.rejected("missing X-Hub-Signature-256"));
        assertThat(new GitHubWebhookVerifier("another").verify(BODY, Map.of("X-Hub-Signature-256", signature)).accepted()).isFalse();
        assertThat(verifier.verify(BODY, Map.of("X-Hub-Signature-256", signature.substring(7))).accepted()).isFalse();
    }

    @Test
    void gitHubsPublishedExampleVerifies() {
        // From docs.github.com "Validating webhook deliveries": secret and payload with the expected signature.
        var verifier = new GitHubWebhookVerifier("It's a Secret to Everybody");
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.sign(body)).isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void linearAcceptsItsOwnSignatureAndRejectsTamperedAndMissing() {
        var verifier = new LinearWebhookVerifier("lin_wh_secret");
        String signature = verifier.sign(BODY);

        assertThat(verifier.verify(BODY, Map.of("Linear-Signature", signature)).accepted()).isTrue();
        assertThat(verifier.verify(TAMPERED, Map.of("Linear-Signature", signature)).accepted()).isFalse();
        assertThat(verifier.verify(BODY, Map.of()).accepted()).isFalse();
    }

    @Test
    void slackAcceptsAFreshSignatureAndRejectsStaleTamperedAndMissingOnes() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        var verifier = new SlackWebhookVerifier("8f742231b10e8888abcd99yyyzzz85a5", InstantSource.fixed(now), Duration.ofMinutes(5));
        long ts = now.getEpochSecond() - 30;
        String signature = verifier.sign(ts, BODY);

        assertThat(verifier.verify(BODY, Map.of("X-Slack-Signature", signature, "X-Slack-Request-Timestamp", String.valueOf(ts))).accepted())
                .isTrue();
        assertThat(verifier.verify(TAMPERED, Map.of("X-Slack-Signature", signature, "X-Slack-Request-Timestamp", String.valueOf(ts))).accepted())
                .isFalse();
        long stale = now.getEpochSecond() - 301;
        Verification replay = verifier.verify(BODY, Map.of("X-Slack-Signature", verifier.sign(stale, BODY),
                "X-Slack-Request-Timestamp", String.valueOf(stale)));
        assertThat(replay).isInstanceOf(Verification.Rejected.class);
        assertThat(((Verification.Rejected) replay).reason()).contains("301s away from now");
        // the same signature with a fresh timestamp does not verify: the timestamp is signed
        assertThat(verifier.verify(BODY, Map.of("X-Slack-Signature", verifier.sign(stale, BODY),
                "X-Slack-Request-Timestamp", String.valueOf(ts))).accepted()).isFalse();
        assertThat(verifier.verify(BODY, Map.of("X-Slack-Request-Timestamp", String.valueOf(ts))).accepted()).isFalse();
        assertThat(verifier.verify(BODY, Map.of("X-Slack-Signature", signature)).accepted()).isFalse();
    }

    @Test
    void intakeRefusesOversizedBodiesWith413BadSignaturesWith401AndMalformedJsonWith400() {
        var verifier = new GitHubWebhookVerifier("s");
        var intake = new WebhookIntake(verifier, 64);
        byte[] big = new byte[65];
        byte[] broken = "{\"action\": ".getBytes(StandardCharsets.UTF_8);

        assertThat(intake.accept(big, Map.of("X-Hub-Signature-256", verifier.sign(big))))
                .isEqualTo(new WebhookIntake.Result.Refused(413, "body is 65 bytes; the limit is 64"));
        assertThat(intake.accept(BODY, Map.of())).isInstanceOf(WebhookIntake.Result.Refused.class)
                .extracting(r -> ((WebhookIntake.Result.Refused) r).status()).isEqualTo(401);
        var malformed = (WebhookIntake.Result.Refused) intake.accept(broken, Map.of("X-Hub-Signature-256", verifier.sign(broken)));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.reason()).startsWith("malformed JSON: ").contains("line 1");
        assertThat(intake.accept(BODY, Map.of("X-Hub-Signature-256", verifier.sign(BODY))))
                .isInstanceOf(WebhookIntake.Result.Accepted.class);
    }
}
