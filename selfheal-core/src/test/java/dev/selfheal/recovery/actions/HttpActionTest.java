package dev.selfheal.recovery.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.RecoveryActionContract;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on loopback (the JDK's). */
class HttpActionTest extends RecoveryActionContract {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(202);

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/scale", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "queued".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:%d/hooks/scale".formatted(server.getAddress().getPort()));
    }

    @Override
    protected RecoveryAction action() {
        return new HttpAction("notify_ops", HttpHookSpec.post(hook(), "{}", Duration.ofSeconds(5)));
    }

    @Override
    protected String component() {
        return "api";
    }

    @Test
    void scale_resources_calls_its_hook_with_the_incident_in_the_body() throws Exception {
        ScaleResourcesAction scale = ScaleResourcesAction.http(HttpHookSpec.post(hook(),
                "{\"incident\":\"${incident}\",\"component\":\"${component}\"}", Duration.ofSeconds(5)));

        ActionResult result = scale.execute(new ActionContext("inc-9", "api", List.of(), Instant.now()));

        assertThat(result.success()).isTrue();
        assertThat(result.details()).containsEntry("status", "202").containsEntry("body", "queued");
        assertThat(bodies).containsExactly("{\"incident\":\"inc-9\",\"component\":\"api\"}");
    }

    @Test
    void an_answer_that_is_not_2xx_is_a_failure() throws Exception {
        status.set(503);
        ActionResult result = action().execute(context());
        assertThat(result.success()).isFalse();
        assertThat(result.message()).endsWith("-> 503: queued");
    }

    @Override
    @Test
    protected void executing_it_succeeds_and_says_what_it_did() throws Exception {
        super.executing_it_succeeds_and_says_what_it_did();
    }
}
