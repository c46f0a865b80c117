package dev.selfheal.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code selfheal run}, in-process, on the bundled example. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void runWithoutConfigRunsTheBundledExampleUntilStoppedAndExitsZero() throws Exception {
        // Given a free port and a data directory for the example
        int port = freePort();
        AtomicReference<Daemon> started = new AtomicReference<>();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new RunCommand(
                Map.of("SELFHEAL_PORT", Integer.toString(port), "SELFHEAL_DATA", dir.resolve("data").toString()),
                new CheckFactory(), false, started::set));
        cli.setOut(new PrintWriter(out, true));

        // When `selfheal run` starts
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(cli::execute);
        await().atMost(Duration.ofSeconds(60)).until(() -> started.get() != null || exit.isDone());
        assertThat(exit).isNotDone();

        // Then it says where to look, and its checks of itself pass
        assertThat(out.toString()).contains("selfheal is running with the bundled example config",
                "http://127.0.0.1:" + port + "/api/health", "http://127.0.0.1:" + port + "/metrics");
        ApiClient api = new ApiClient(started.get().baseUri());
        for (String check : new String[] {"selfheal-api", "selfheal-port", "shell-true", "data-disk"}) {
            // Run now rather than wait for the first run, which jitter may put up to an interval away.
            assertThat(api.post("/api/checks/" + check + "/run").status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.statusOf("selfheal-api")).isEqualTo("HEALTHY");
            assertThat(api.statusOf("selfheal-port")).isEqualTo("HEALTHY");
            assertThat(api.statusOf("shell-true")).isEqualTo("HEALTHY");
            assertThat(api.component("data-disk").get("last_check").get("details").toString()).contains("free_ratio");
        });
        assertThat(Files.exists(dir.resolve("data").resolve("selfheal.db"))).isTrue();

        // When the daemon is stopped as SIGTERM stops it
        started.get().stop();

        // Then the command returns 0
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void runRefusesABadConfigAndStartsNothing() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "server: { port: -1 }\n");
        StringWriter err = new StringWriter();
        AtomicReference<Daemon> started = new AtomicReference<>();
        CommandLine cli = new CommandLine(new RunCommand(Map.of(), new CheckFactory(), false, started::set));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("--config", config.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(started.get()).isNull();
        assertThat(err.toString()).contains("server.port (line 1, column 17): must be within 0-65535, got -1",
                "nothing was started");
    }

    @Test
    void runRefusesAStoreThatCannotBeOpenedWithoutShowingItsPassword() throws IOException {
        Path config = Files.writeString(dir.resolve("pg.yaml"), """
                server: { port: 0 }
                store: { url: "jdbc:postgresql://127.0.0.1:1/test", user: postgres, password: "${PGPASSWORD}" }
                """);
        StringWriter err = new StringWriter();
        AtomicReference<Daemon> started = new AtomicReference<>();
        CommandLine cli = new CommandLine(new RunCommand(Map.of("PGPASSWORD", "pg-pass-4711"), new CheckFactory(), false, started::set));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("--config", config.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(started.get()).isNull();
        assertThat(err.toString()).startsWith("selfheal: cannot start: cannot open store.url jdbc:postgresql://127.0.0.1:1/test:")
                .doesNotContain("pg-pass-4711");
    }

    @Test
    void helpDescribesTheCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new RunCommand());
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: run", "--config=FILE", "bundled example");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
