package dev.selfheal.integrations.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.alerting.NotificationChannelContract;
import dev.selfheal.integrations.channels.ChannelJson;
import dev.selfheal.integrations.channels.HttpPoster;
import dev.selfheal.integrations.channels.WireMockReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest extends NotificationChannelContract {

    private static final String KEY = "hmac-key-secret-123";
    private final WireMockReceiver hook = new WireMockReceiver(204, "");

    @AfterEach
    void stop() {
        hook.close();
    }

    @Override
    protected NotificationChannel channel() {
        return new WebhookChannel(hook.url("/hooks/selfheal"), Optional.of(KEY), Map.of("X-Team", "ops"), InstantSource.fixed(AT),
                new HttpPoster());
    }

    @Override
    protected List<String> received() {
        return hook.bodies();
    }

    @Override
    protected void breakReceiver() {
        hook.answer(500, "boom");
    }

    @Override
    protected String secret() {
        return KEY;
    }

    @Test
    void the_body_is_signed_with_hmac_sha256_over_timestamp_and_body() throws Exception {
        channel().send(sample(Notification.Kind.FIRING));
        LoggedRequest r = hook.posts().get(0);
        String timestamp = r.getHeader("X-Selfheal-Timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(AT.getEpochSecond()));
        // computed here independently of WebhookSignature
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + r.getBodyAsString())
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(r.getHeader("X-Selfheal-Signature")).isEqualTo(expected);
        assertThat(r.getHeader("X-Team")).isEqualTo("ops");
        assertThat(WebhookSignature.verify(KEY, timestamp, r.getBodyAsString(), expected, AT.plusSeconds(10), Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify(KEY, timestamp, r.getBodyAsString() + " ", expected, AT, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify(KEY, timestamp, r.getBodyAsString(), expected, AT.plusSeconds(600), Duration.ofMinutes(5))).isFalse();
        var body = ChannelJson.MAPPER.readTree(r.getBodyAsString());
        assertThat(body.path("kind").asText()).isEqualTo("firing");
        assertThat(body.path("alerts").get(0).path("incident_id").asText()).isEqualTo("inc-42");
    }

    @Test
    void without_a_key_no_signature_is_sent() throws Exception {
        new WebhookChannel(hook.url("/h"), Optional.empty(), Map.of(), InstantSource.fixed(AT), new HttpPoster())
                .send(sample(Notification.Kind.FIRING));
        assertThat(hook.posts().get(0).containsHeader("X-Selfheal-Signature")).isFalse();
    }
}
