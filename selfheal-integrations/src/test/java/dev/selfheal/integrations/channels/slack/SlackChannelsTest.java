package dev.selfheal.integrations.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.alerting.NotificationChannelContract;
import dev.selfheal.integrations.channels.ChannelJson;
import dev.selfheal.integrations.channels.HttpPoster;
import dev.selfheal.integrations.channels.WireMockReceiver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SlackChannelsTest {

    private static final String HOOK_SECRET = "T000/B000/XXXXsecretXXXX";
    private static final String TOKEN = "xoxb-1234-secret-token";

    @Nested
    class IncomingWebhook extends NotificationChannelContract {
        private final WireMockReceiver slack = new WireMockReceiver(200, "ok");

        @AfterEach
        void stop() {
            slack.close();
        }

        @Override
        protected NotificationChannel channel() {
            return new SlackWebhookChannel(slack.url("/services/" + HOOK_SECRET), new HttpPoster());
        }

        @Override
        protected List<String> received() {
            return slack.bodies();
        }

        @Override
        protected void breakReceiver() {
            slack.answer(404, "no_service");
        }

        @Override
        protected String secret() {
            return HOOK_SECRET;
        }

        @Test
        void the_message_has_a_fallback_text_a_header_and_one_section_per_alert_with_readable_fields() throws Exception {
            channel().send(sample(Notification.Kind.FIRING));
            JsonNode body = ChannelJson.MAPPER.readTree(slack.bodies().get(0));
            assertThat(body.path("text").asText()).isEqualTo("[FIRING] critical process_down on worker-1");
            assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
            assertThat(body.path("blocks").get(0).path("text").path("text").asText()).startsWith(":red_circle: [FIRING]");
            JsonNode section = body.path("blocks").get(1);
            assertThat(section.path("text").path("text").asText()).isEqualTo("worker-1 exited with code 137");
            assertThat(section.path("fields").toString()).contains("*Severity*\\ncritical").contains("*Component*\\nworker-1")
                    .contains("*Incident*\\ninc-42");
        }
    }

    @Nested
    class PostMessage extends NotificationChannelContract {
        private final WireMockReceiver slack = new WireMockReceiver(200, "{\"ok\":true,\"ts\":\"1.2\"}");

        @AfterEach
        void stop() {
            slack.close();
        }

        @Override
        protected NotificationChannel channel() {
            return new SlackApiChannel(slack.url("/api"), TOKEN, "#ops", new HttpPoster());
        }

        @Override
        protected List<String> received() {
            return slack.bodies();
        }

        @Override
        protected void breakReceiver() {
            slack.answer(200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
        }

        @Override
        protected String secret() {
            return TOKEN;
        }

        @Test
        void it_posts_to_chat_post_message_with_the_bot_token_and_the_channel() throws Exception {
            channel().send(sample(Notification.Kind.FIRING));
            var request = slack.posts().get(0);
            assertThat(request.getUrl()).isEqualTo("/api/chat.postMessage");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(ChannelJson.MAPPER.readTree(request.getBodyAsString()).path("channel").asText()).isEqualTo("#ops");
        }

        @Test
        void an_ok_false_answer_is_a_failure_naming_slacks_error_code() {
            slack.answer(200, "{\"ok\":false,\"error\":\"channel_not_found\"}");
            assertThatThrownBy(() -> channel().send(sample(Notification.Kind.FIRING)))
                    .hasMessageContaining("channel_not_found").hasMessageContaining("#ops");
        }
    }
}
