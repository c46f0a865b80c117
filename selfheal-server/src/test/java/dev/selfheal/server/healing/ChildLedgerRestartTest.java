package dev.selfheal.server.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.process.ChildProcesses;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.testing.PostgresTestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger alone: the daemon runs in a child JVM without the death signal (as on a platform
 * without one), and its service is a shell that starts the port-holding server as a grandchild
 * (which no death signal reaches anyway). Killed with SIGKILL, the daemon leaves the server
 * running; each daemon started after that must end it before it starts its own copy, three
 * times over, so that exactly one server holds the port every time. Once with SQLite (the ledger
 * next to the file), once with PostgreSQL and no state directory configured (the ledger under
 * {@code $XDG_STATE_HOME}, its name derived from the store).
 */
class ChildLedgerRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    private final List<Process> daemons = new ArrayList<>();
    private int port;

    @AfterEach
    void cleanUp() {
        for (Process daemon : daemons) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
        }
        servers().forEach(ProcessHandle::destroyForcibly); // only this test's port
    }

    @Test
    void eachDaemonStartedAfterAKill9EndsTheOrphanedServiceAndRunsExactlyOneCopy() throws Exception {
        port = freePort();
        Path config = dir.resolve("selfheal.yaml");
        Files.writeString(config, """
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                """.formatted(dir) + service(port));

        killAndRestartThreeTimes(config, Map.of(), dir.resolve("selfheal.db.children.d"));
    }

    @Test
    void withPostgresqlTheLedgerIsKeptUnderTheStateHomeAndNoRestartRunsADuplicate() throws Exception {
        try (PostgresTestDatabase.Schema schema = PostgresTestDatabase.freshSchema()) {
            port = freePort();
            Path config = dir.resolve("selfheal.yaml");
            Files.writeString(config, """
                    server: { port: 0, bind: 127.0.0.1 }
                    store: { url: "%s", user: %s }
                    """.formatted(schema.url(), schema.user()) + service(port));
            Path stateHome = dir.resolve("state");

            killAndRestartThreeTimes(config, Map.of("XDG_STATE_HOME", stateHome.toString()), stateHome.resolve("selfheal"));
        }
    }

    private static String service(int port) {
        return """
                services:
                  - { name: web, command: [sh, -c, "python3 -m http.server %d --bind 127.0.0.1; exit 1"], stop-grace: 1s, check: { interval: 500ms } }
                healing: { degradation: { host-resources: false } }
                """.formatted(port);
    }

    private void killAndRestartThreeTimes(Path config, Map<String, String> env, Path ledgers) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            // Given a daemon whose service's server holds the port
            Process daemon = startChildDaemon(config, env);
            ApiClient api = new ApiClient(baseOf(daemon));
            await().atMost(PATIENCE).until(() -> api.statusOf("web").equals("HEALTHY") && servers().size() == 1 && answers(port));
            ProcessHandle server = servers().getFirst();

            // When the daemon is killed with SIGKILL
            daemon.destroyForcibly();
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();

            // Then the server lives on (nothing else ends it) until the next daemon starts
            assertThat(running(server)).as("round %d: the orphan outlives the killed daemon", round).isTrue();
            assertThat(ledgerText(ledgers)).contains("\tservice web\t");
        }

        // And the daemon started last ends the last orphan and runs exactly one server
        Process last = startChildDaemon(config, env);
        ApiClient api = new ApiClient(baseOf(last));
        await().atMost(PATIENCE).until(() -> api.statusOf("web").equals("HEALTHY") && servers().size() == 1 && answers(port));
        assertThat(servers()).hasSize(1).allMatch(s -> last.descendants().anyMatch(d -> d.pid() == s.pid()));
    }

    /** Every ledger file under {@code root}, concatenated. */
    private static String ledgerText(Path root) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".ledger")).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    private static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Every running http.server on this test's port on the whole machine, whoever its parent. */
    private List<ProcessHandle> servers() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.contains("python")).orElse(false)
                && p.info().arguments().map(a -> List.of(a).containsAll(List.of("http.server", Integer.toString(port)))).orElse(false))
                .filter(ChildLedgerRestartTest::running).toList();
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

    private Process startChildDaemon(Path config, Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-D" + ChildProcesses.DEATH_SIGNAL_PROPERTY + "=false",
                "-cp", System.getProperty("java.class.path"), DaemonMain.class.getName(), "--config", config.toString())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process daemon = builder.start();
        daemons.add(daemon);
        return daemon;
    }

    /** The API's base URI, from the line the daemon prints once it listens. */
    private static URI baseOf(Process daemon) throws Exception {
        CompletableFuture<URI> base = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
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
