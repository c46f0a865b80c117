package dev.selfheal.integrations.channels.webhook;

import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.integrations.channels.ChannelJson;
import dev.selfheal.integrations.channels.HttpPoster;
import java.net.URI;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A generic JSON webhook. With an HMAC key, each request carries
 * {@code X-Selfheal-Timestamp} (epoch seconds) and
 * {@code X-Selfheal-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}, so the
 * receiver can check it came from us and is fresh (see {@link WebhookSignature#verify}).
 *
 * <p>Body: {@code {"version": "1", "kind": "firing", "receiver": ..., "group_key": ...,
 * "note": ..., "at": ..., "alerts": [ ... ]}}.
 */
public final class WebhookChannel implements NotificationChannel {

    private final URI url;
    private final Optional<String> hmacKey;
    private final Map<String, String> headers;
    private final InstantSource clock;
    private final HttpPoster http;

    public WebhookChannel(URI url, Optional<String> hmacKey, Map<String, String> headers, InstantSource clock, HttpPoster http) {
        this.url = url;
        this.hmacKey = hmacKey;
        this.headers = Map.copyOf(headers);
        this.clock = clock;
        this.http = http;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public void send(Notification n) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "1");
        body.put("kind", n.kind().label());
        body.put("receiver", n.receiver());
        body.put("group_key", n.groupKey());
        body.put("title", n.title());
        body.put("note", n.note());
        body.put("at", n.at().toString());
        body.put("alerts", n.alerts().stream().map(ChannelJson::alert).toList());
        String json = ChannelJson.write(body);
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (hmacKey.isPresent()) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            all.put(WebhookSignature.TIMESTAMP_HEADER, timestamp);
            all.put(WebhookSignature.SIGNATURE_HEADER, "sha256=" + WebhookSignature.sign(hmacKey.get(), timestamp, json));
        }
        http.post("webhook", url, json, all);
    }
}
