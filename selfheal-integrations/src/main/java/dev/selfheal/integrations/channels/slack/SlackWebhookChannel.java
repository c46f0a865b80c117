package dev.selfheal.integrations.channels.slack;

import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.integrations.channels.ChannelJson;
import dev.selfheal.integrations.channels.HttpPoster;
import java.net.URI;
import java.util.Map;

/** Slack through an incoming webhook. The webhook URL is a credential: it is never logged or put in an error. */
public final class SlackWebhookChannel implements NotificationChannel {

    private final URI webhook;
    private final HttpPoster http;

    public SlackWebhookChannel(URI webhook, HttpPoster http) {
        this.webhook = webhook;
        this.http = http;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public void send(Notification n) throws Exception {
        http.post("slack webhook", webhook, ChannelJson.write(SlackBlocks.message(n)), Map.of());
    }
}
