package dev.selfheal.health.checks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 with the pages the HTTP check tests need: a healthy page,
 * a failing one, a slow one and one that never answers until the server stops.
 */
final class LoopbackHttpServer implements AutoCloseable {

    static final String HEALTHY_BODY = "status: all systems go";
    static final long SLOW_MILLIS = 400;

    private final HttpServer server;
    private final CountDownLatch stopping = new CountDownLatch(1);
    final List<String> authorizationHeadersSeen = new CopyOnWriteArrayList<>();

    LoopbackHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/ok", exchange -> respond(exchange, 200, HEALTHY_BODY));
        server.createContext("/fail", exchange -> respond(exchange, 503, "down for maintenance"));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            respond(exchange, 302, "");
        });
        server.createContext("/slow", exchange -> {
            sleep(SLOW_MILLIS); // the server is slow on purpose; the test itself does not sleep
            respond(exchange, 200, HEALTHY_BODY);
        });
        server.createContext("/hang", exchange -> {
            awaitStop();
            respond(exchange, 200, "too late");
        });
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void respond(HttpExchange exchange, int status, String body) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            authorizationHeadersSeen.add(authorization);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitStop() {
        try {
            stopping.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopping.countDown();
        server.stop(0);
    }
}
