package dev.selfheal.integrations.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;

/** A real HTTP receiver on a loopback port (WireMock) that answers {@code status} with {@code body}. */
public final class WireMockReceiver implements AutoCloseable {

    public final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    public WireMockReceiver(int status, String body) {
        server.start();
        answer(status, body);
    }

    public void answer(int status, String body) {
        server.resetMappings();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public List<LoggedRequest> posts() {
        return server.findAll(postRequestedFor(anyUrl()));
    }

    public List<String> bodies() {
        return posts().stream().map(LoggedRequest::getBodyAsString).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
