package dev.selfheal.server.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) on a loopback port, scraping
 * the given targets every 500 ms with a 450 ms timeout (a scrape that times out marks the series
 * stale at once, and a loaded CI machine can be slow). Without the binary the test is skipped with a message, except
 * under {@code CI=true}, where a missing binary fails it: CI installs the package.
 */
final class RealPrometheus implements AutoCloseable {

    static final Path BINARY = Path.of(System.getenv().getOrDefault("PROMETHEUS_BIN", "/usr/bin/prometheus"));

    private final Process process;
    private final URI uri;

    private RealPrometheus(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    static void requireBinary() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String message = "the Prometheus binary " + BINARY + " is missing (apt-get install -y prometheus)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + "; CI=true, so this is a failure, not a skip");
        }
        Assumptions.abort(message + "; skipping (set CI=true to make this fail)");
    }

    /** Starts Prometheus scraping {@code host:port} targets (job {@code selfheal}), storing under {@code dir}. */
    static RealPrometheus start(Path dir, List<String> targets) throws IOException {
        requireBinary();
        int port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 500ms
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: selfheal
                    scrape_interval: 500ms
                    scrape_timeout: 450ms
                    static_configs:
                      - targets: [%s]
                """.formatted(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())));
        Process process = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        return new RealPrometheus(process, URI.create("http://127.0.0.1:" + port));
    }

    URI uri() {
        return uri;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
