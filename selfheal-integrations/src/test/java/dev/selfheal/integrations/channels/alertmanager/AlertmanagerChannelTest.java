package dev.selfheal.integrations.channels.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.alerting.NotificationChannelContract;
import dev.selfheal.integrations.channels.ChannelJson;
import dev.selfheal.integrations.channels.HttpPoster;
import dev.selfheal.integrations.channels.WireMockReceiver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertmanagerChannelTest extends NotificationChannelContract {

    private final WireMockReceiver alertmanager = new WireMockReceiver(200, "");

    @AfterEach
    void stop() {
        alertmanager.close();
    }

    @Override
    protected NotificationChannel channel() {
        return new AlertmanagerChannel(alertmanager.url("/"), new HttpPoster());
    }

    @Override
    protected List<String> received() {
        return alertmanager.bodies();
    }

    @Override
    protected void breakReceiver() {
        alertmanager.answer(400, "{\"code\":400,\"message\":\"bad alert\"}");
    }

    @Override
    protected String secret() {
        return "";
    }

    @Test
    void alerts_are_posted_to_api_v2_alerts_with_labels_and_a_resolved_one_has_ends_at() throws Exception {
        channel().send(sample(Notification.Kind.FIRING));
        channel().send(sample(Notification.Kind.RESOLVED));
        assertThat(alertmanager.posts().get(0).getUrl()).isEqualTo("/api/v2/alerts");
        JsonNode firing = ChannelJson.MAPPER.readTree(alertmanager.bodies().get(0)).get(0);
        assertThat(firing.path("labels").path("alertname").asText()).isEqualTo("process_down");
        assertThat(firing.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(firing.path("labels").path("env").asText()).isEqualTo("prod");
        assertThat(firing.has("endsAt")).isFalse();
        JsonNode resolved = ChannelJson.MAPPER.readTree(alertmanager.bodies().get(1)).get(0);
        assertThat(resolved.path("endsAt").asText()).isEqualTo("2026-03-02T10:05:00Z");
    }
}
