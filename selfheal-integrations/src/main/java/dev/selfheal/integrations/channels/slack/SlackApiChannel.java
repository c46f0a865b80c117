package dev.selfheal.integrations.channels.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.integrations.channels.ChannelJson;
import dev.selfheal.integrations.channels.HttpPoster;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Slack through the Web API's {@code chat.postMessage} with a bot token. Slack answers 200
 * with {@code "ok": false} on errors (bad channel, revoked token): that is a failure too, and
 * its {@code error} code is in the exception, the token never is.
 */
public final class SlackApiChannel implements NotificationChannel {

    public static final URI DEFAULT_API = URI.create("https://slack.com/api/");

    private final URI api;
    private final String token;
    private final String channel;
    private final HttpPoster http;

    public SlackApiChannel(URI api, String token, String channel, HttpPoster http) {
        this.api = api.toString().endsWith("/") ? api : URI.create(api + "/");
        this.token = token;
        this.channel = channel;
        this.http = http;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public void send(Notification n) throws Exception {
        Map<String, Object> message = new java.util.LinkedHashMap<>(SlackBlocks.message(n));
        message.put("channel", channel);
        String body = http.post("slack chat.postMessage", api.resolve("chat.postMessage"), ChannelJson.write(message),
                Map.of("Authorization", "Bearer " + token));
        JsonNode answer = ChannelJson.MAPPER.readTree(body);
        if (!answer.path("ok").asBoolean(false)) {
            throw new IOException("slack chat.postMessage to %s refused: %s".formatted(channel, answer.path("error").asText("no error code")));
        }
    }
}
