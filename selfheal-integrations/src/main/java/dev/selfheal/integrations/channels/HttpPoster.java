package dev.selfheal.integrations.channels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Posts JSON with the JDK client and throws on anything but 2xx. The exception names the
 * channel and the status and quotes a little of the answer, never the URL (a Slack webhook
 * URL is itself a credential) nor a header value.
 */
public final class HttpPoster {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final Duration timeout;

    public HttpPoster(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    public HttpPoster() {
        this(DEFAULT_TIMEOUT);
    }

    /** Posts {@code body}; returns the answer's body. */
    public String post(String channel, URI url, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "selfheal")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("%s: request to %s failed: %s".formatted(channel, url.getHost(), e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage().replace(url.toString(), url.getHost()))));
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("%s: %s answered HTTP %d: %s".formatted(channel, url.getHost(), response.statusCode(),
                    abbreviate(response.body())));
        }
        return response.body();
    }

    public static String abbreviate(String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return t.length() <= 200 ? t : t.substring(0, 200) + "…";
    }
}
