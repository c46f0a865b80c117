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
    private final Map<String, Map<String, Long>> pings = new ConcurrentHashMap<>();
    private final AtomicLong lastHealthNanos = new AtomicLong();
    private final AtomicLong longestHealthGapNanos = new AtomicLong();
    /** Gaps between two /health runs longer than 100 ms (runs are every few hundred ms: few). */
    private final List<Long> healthGapsNanos = new CopyOnWriteArrayList<>();

    public WatchedService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            long now = System.nanoTime();
            long previous = lastHealthNanos.getAndSet(now);
            if (previous != 0) {
                longestHealthGapNanos.accumulateAndGet(now - previous, Math::max);
                if (now - previous > 100_000_000L) {
                    healthGapsNanos.add(now - previous);
                }
            }
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
        // /ping?check=C&node=N: the auxiliary checks, each node's config naming the node, so that
        // who ran which check can be seen from here
        server.createContext("/ping", exchange -> {
            Map<String, String> query = new java.util.HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            pings.computeIfAbsent(query.getOrDefault("check", ""), c -> new ConcurrentHashMap<>())
                    .put(query.getOrDefault("node", ""), System.nanoTime());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Restarts beyond the first of each fault so far. */
    public long duplicateRestarts() {
        return restarts.entrySet().stream().filter(e -> e.getKey() > 0).mapToLong(e -> Math.max(0, e.getValue().size() - 1)).sum();
    }

    /** Faults so far that no restart answered. */
    public long unansweredFaults() {
        return java.util.stream.IntStream.rangeClosed(1, fault.get()).filter(f -> restarts.getOrDefault(f, List.of()).isEmpty()).count();
    }

    /** The number of the latest fault (0 before the first). */
    public int currentFault() {
        return fault.get();
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

    /** The nodes that ran auxiliary check {@code check} within the last {@code withinNanos}. */
    public java.util.Set<String> pingedBy(String check, long withinNanos) {
        long now = System.nanoTime();
        java.util.Set<String> nodes = new java.util.TreeSet<>();
        pings.getOrDefault(check, Map.of()).forEach((node, at) -> {
            if (now - at < withinNanos) {
                nodes.add(node);
            }
        });
        return nodes;
    }

    /** How many times the {@code /health} check went unrun for longer than {@code nanos}. */
    public long healthGapsLongerThan(long nanos) {
        return healthGapsNanos.stream().filter(g -> g > nanos).count();
    }

    /** The longest time between two runs of the {@code /health} check by any node since the last call; forgets the gaps so far. */
    public long takeLongestHealthGapNanos() {
        healthGapsNanos.clear();
        return longestHealthGapNanos.getAndSet(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
