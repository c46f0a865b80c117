package dev.selfheal.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One node: {@code selfheal run --config F} in a child JVM, its output in a log file. Killed
 * with SIGKILL, frozen with SIGSTOP and thawed with SIGCONT as an operator's tools would.
 */
public final class NodeProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String id;
    private final Process process;
    private final URI base;

    private NodeProcess(String id, Process process, URI base) {
        this.id = id;
        this.process = process;
        this.base = base;
    }

    /** Starts a node and returns once its API listens; throws when it ends or does not listen within {@code patience}. */
    public static NodeProcess start(String id, Path config, Path log, Duration patience) throws IOException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(), "--config", config.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<URI> base = new CompletableFuture<>();
        Thread.ofVirtual().name("node-" + id + "-output").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                         StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
                for (String line; (line = out.readLine()) != null; ) {
                    file.println(line);
                    if (line.strip().startsWith("health:")) {
                        base.complete(URI.create(line.strip().substring("health:".length()).strip().replace("/api/health", "")));
                    }
                }
            } catch (IOException e) {
                base.completeExceptionally(e);
            }
            base.completeExceptionally(new IllegalStateException("node " + id + " ended before it listened; see " + log));
        });
        try {
            return new NodeProcess(id, process, base.get(patience.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("node " + id + " did not start within " + patience + ": " + e.getMessage()
                    + "; see " + log, e);
        }
    }

    public String id() {
        return id;
    }

    public URI base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code GET /api/cluster}, or empty when the node does not answer within 3 s. */
    public Optional<JsonNode> cluster() {
        return get("/api/cluster");
    }

    /** Whether the node says it leads (false when it does not answer). */
    public boolean leading() {
        return cluster().map(c -> c.path("leading").asBoolean(false)).orElse(false);
    }

    /** The node's view of the unresolved incidents of {@code component} (empty when it does not answer). */
    public Optional<List<String>> unresolvedIncidents(String component) {
        return get("/api/incidents?component=" + component).map(json -> {
            List<String> open = new java.util.ArrayList<>();
            for (JsonNode incident : json.path("incidents")) {
                if (!incident.path("state").asText().equals("RESOLVED")) {
                    open.add(incident.path("id").asText());
                }
            }
            return open;
        });
    }

    /** The component's status in this node's {@code /api/health}, or empty. */
    public Optional<String> statusOf(String component) {
        return get("/api/health").flatMap(json -> {
            for (JsonNode group : json.path("groups")) {
                for (JsonNode c : group.path("components")) {
                    if (c.path("name").asText().equals(component)) {
                        return Optional.of(c.path("status").asText());
                    }
                }
            }
            return Optional.empty();
        });
    }

    private Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the JVM freezes, as under a long GC pause or a stalled VM. */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT. */
    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM (a clean stop that hands the lease back), then SIGKILL after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            thaw();
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // it may not be frozen; SIGTERM follows either way
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
