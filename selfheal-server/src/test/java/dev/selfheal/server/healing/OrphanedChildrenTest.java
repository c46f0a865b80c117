package dev.selfheal.server.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon in a child JVM, killed with SIGKILL while it supervises a service that holds a port
 * and while a check's command is running: nothing it started may live on, so that the daemon
 * started again runs exactly one copy of the service, on its port.
 */
class OrphanedChildrenTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private Process child;
    private Daemon restarted;
    private int port;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
        if (restarted != null) {
            restarted.stop();
        }
        servers().forEach(ProcessHandle::destroyForcibly);
        commandsOfTheCheck().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void afterKill9NoChildLivesOnAndTheRestartedDaemonRunsExactlyOneCopy() throws Exception {
        port = freePort();
        Path config = dir.resolve("selfheal.yaml");
        Files.writeString(config, """
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                checks:
                  - { name: slow-probe, type: command, command: [sleep, "307"], timeout: 120s, interval: 500ms }
                services:
                  - { name: web, command: [python3, -m, http.server, "%d", --bind, 127.0.0.1], stop-grace: 1s, check: { interval: 500ms } }
                healing: { degradation: { host-resources: false } }
                """.formatted(dir, port));

        // Given a daemon serving the port through its child and running a check's command
        ApiClient api = new ApiClient(startChildDaemon(config));
        await().atMost(PATIENCE).until(() -> api.statusOf("web").equals("HEALTHY") && servers().size() == 1
                && !commandsOfTheCheck().isEmpty());
        List<ProcessHandle> before = List.copyOf(servers());

        // When the daemon is killed with SIGKILL (no shutdown hook runs)
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // Then the service and the check's command die with it
        await().atMost(PATIENCE).until(() -> servers().isEmpty() && commandsOfTheCheck().isEmpty());
        assertThat(before).noneMatch(OrphanedChildrenTest::running);

        // And the daemon started again runs exactly one copy, which holds the port
        restarted = Daemon.start(new ConfigLoader(Map.of()).load(config), new CheckFactory());
        ApiClient again = new ApiClient(restarted.baseUri());
        await().atMost(PATIENCE).until(() -> again.statusOf("web").equals("HEALTHY") && servers().size() == 1);
        await().atMost(PATIENCE).until(() -> answers(port));
        assertThat(servers()).hasSize(1);
    }

    /**
     * Alive and not a zombie. A child killed with its daemon is re-parented to PID 1, and where
     * PID 1 does not reap (a container's shell, say) it stays a zombie for a while: dead, but
     * {@link ProcessHandle#isAlive()} still sees its pid.
     */
    private static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // gone between the two looks
        }
    }

    /** Every http.server on this test's port on the whole machine, whoever its parent. */
    private List<ProcessHandle> servers() {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(a -> List.of(a).containsAll(List.of("http.server", Integer.toString(port)))).orElse(false)).toList();
    }

    private static List<ProcessHandle> commandsOfTheCheck() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false)
                && p.info().arguments().map(a -> a.length == 1 && a[0].equals("307")).orElse(false)).toList();
    }

    private static boolean answers(int port) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code selfheal run --config F} in a child JVM and returns its API's base URI once it listens. */
    private URI startChildDaemon(Path config) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DaemonMain.class.getName(),
                "--config", config.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<URI> base = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.strip().startsWith("health:")) {
                        base.complete(URI.create(line.strip().substring("health:".length()).strip().replace("/api/health", "")));
                    }
                }
            } catch (IOException e) {
                base.completeExceptionally(e);
            }
            base.completeExceptionally(new IllegalStateException("the child daemon ended before it listened"));
        });
        return base.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
}
