package dev.selfheal.integrations.channels.pagerduty;

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

class PagerDutyChannelTest extends NotificationChannelContract {

    private static final String ROUTING_KEY = "R0UT1NGKEYsecret0000000000000000";
    private final WireMockReceiver pagerduty = new WireMockReceiver(202,
            "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}");

    @AfterEach
    void stop() {
        pagerduty.close();
    }

    @Override
    protected NotificationChannel channel() {
        return new PagerDutyChannel(pagerduty.url("/v2/enqueue"), ROUTING_KEY, new HttpPoster());
    }

    @Override
    protected List<String> received() {
        return pagerduty.bodies();
    }

    @Override
    protected void breakReceiver() {
        pagerduty.answer(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}");
    }

    @Override
    protected String secret() {
        return ROUTING_KEY;
    }

    @Test
    void trigger_acknowledge_and_resolve_share_one_dedup_key() throws Exception {
        channel().send(sample(Notification.Kind.FIRING));
        channel().send(sample(Notification.Kind.ACKNOWLEDGED));
        channel().send(sample(Notification.Kind.RESOLVED));
        List<JsonNode> events = pagerduty.bodies().stream().map(b -> {
            try {
                return ChannelJson.MAPPER.readTree(b);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(events).extracting(e -> e.path("event_action").asText()).containsExactly("trigger", "acknowledge", "resolve");
        assertThat(events).extracting(e -> e.path("dedup_key").asText()).containsOnly("selfheal-al-0001");
        assertThat(events).extracting(e -> e.path("routing_key").asText()).containsOnly(ROUTING_KEY);
        JsonNode payload = events.get(0).path("payload");
        assertThat(payload.path("severity").asText()).isEqualTo("critical");
        assertThat(payload.path("source").asText()).isEqualTo("worker-1");
        assertThat(payload.path("summary").asText()).isEqualTo("critical process_down on worker-1: worker-1 exited with code 137");
        assertThat(payload.path("custom_details").path("incident_id").asText()).isEqualTo("inc-42");
        assertThat(events.get(2).has("payload")).isFalse();
    }
}
