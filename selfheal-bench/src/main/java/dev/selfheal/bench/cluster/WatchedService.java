package dev.selfheal.bench.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service the nodes watch, on loopback: {@code GET /health} answers 200 while it is up and
 * 503 after {@link #fail()}; {@code POST /restart} brings it up and is recorded against the
 * fault it answered, so that a fault healed twice shows as two restarts of one fault.
 */
public final class WatchedService implements AutoCloseable {

    private final HttpServer server;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicInteger fault = new AtomicInteger();
    private final AtomicLong lastRestartNanos = new AtomicLong();
    private final Map<Integer, List<Long>> restarts = new ConcurrentHashMap<>();

    public WatchedService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(up.get() ? 200 : 503, -1);
            exchange.close();
        });
        server.createContext("/restart", exchange -> {
            long now = System.nanoTime();
            restarts.computeIfAbsent(fault.get(), f -> new CopyOnWriteArrayList<>()).add(now);
            lastRestartNanos.set(now);
            up.set(true);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Takes the service down; returns the fault's number. */
    public int fail() {
        int id = fault.incrementAndGet();
        up.set(false);
        return id;
    }

    public boolean isUp() {
        return up.get();
    }

    /** When each restart that answered fault {@code id} came ({@link System#nanoTime()}), in order. */
    public List<Long> restartsOf(int id) {
        return List.copyOf(restarts.getOrDefault(id, List.of()));
    }

    /** Nanoseconds since the last restart of any fault (a large number when there was none). */
    public long nanosSinceLastRestart() {
        long last = lastRestartNanos.get();
        return last == 0 ? Long.MAX_VALUE : System.nanoTime() - last;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
