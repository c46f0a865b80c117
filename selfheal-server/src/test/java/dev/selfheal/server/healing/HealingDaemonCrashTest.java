package dev.selfheal.server.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon in a child JVM, as {@code selfheal run --config F} runs it: killed with SIGKILL in
 * the middle of a recovery step, then started again on the same SQLite file; and stopped with
 * SIGTERM, taking its supervised children with it.
 */
class HealingDaemonCrashTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final List<ProcessHandle> leftovers = new ArrayList<>();
    private Process child;
    private Daemon restarted;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
        leftovers.forEach(ProcessHandle::destroyForcibly);
        if (restarted != null) {
            restarted.stop();
        }
    }

    private Path config(String workerSeconds) throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, """
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                services:
                  - { name: worker, command: [sleep, "%s"], stop-grace: 1s, check: { interval: 500ms } }
                healing:
                  interval: 1s
                  verification: { window: 30s, poll: 200ms }
                  degradation: { host-resources: false }
                  mapping: { process_down: [slow_fix, restart_service] }
                  actions: { slow_fix: { risk: low } }
                  custom-actions:
                    - { name: slow_fix, type: command, command: [sleep, "301"], timeout: 120s }
                """.formatted(dir, workerSeconds));
        return file;
    }

    /** Starts {@code selfheal run --config F} in a child JVM and returns its API's base URI once it listens. */
    private URI startChildDaemon(Path config) throws Exception {
        return startChildDaemon(config, true);
    }

    private URI startChildDaemon(Path config, boolean deathSignal) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        child = new ProcessBuilder(java, "-D" + dev.selfheal.process.ChildProcesses.DEATH_SIGNAL_PROPERTY + "=" + deathSignal,
                "-cp", System.getProperty("java.class.path"), DaemonMain.class.getName(), "--config", config.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<URI> base = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[child] " + line);
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

    @Test
    void aDaemonKilledMidStepKeepsItsIncidentAndTheRestartedDaemonMarksTheStepInterruptedWithoutRerunningIt() throws Exception {
        // Given a daemon in a child JVM whose first action for a dead worker is a slow command
        Path config = config("605");
        ApiClient api = new ApiClient(startChildDaemon(config));
        ProcessHandle worker = awaitOne(child.toHandle(), "sleep", "605");
        await().atMost(PATIENCE).until(() -> api.statusOf("worker").equals("HEALTHY"));

        // When the worker is killed and the slow step is running
        worker.destroyForcibly();
        String[] id = new String[1];
        await().atMost(PATIENCE).until(() -> {
            JsonNode incidents = api.get("/api/incidents").json().get("incidents");
            if (incidents.isEmpty()) {
                return false;
            }
            id[0] = incidents.get(0).get("id").asText();
            JsonNode steps = api.get("/api/incidents/" + id[0]).json().get("steps");
            return !steps.isEmpty() && steps.get(0).get("outcome").asText().equals("RUNNING");
        });
        ProcessHandle slowFix = awaitOne(child.toHandle(), "sleep", "301");

        // And the daemon JVM is killed with SIGKILL mid-step
        leftovers.addAll(child.descendants().toList());
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        slowFix.destroyForcibly();
        leftovers.forEach(ProcessHandle::destroyForcibly);

        // And a daemon is started again on the same SQLite file
        restarted = Daemon.start(new ConfigLoader(Map.of()).load(config), new CheckFactory());
        ApiClient again = new ApiClient(restarted.baseUri());

        // Then the incident is still there, its step INTERRUPTED and not run again
        JsonNode incident = again.get("/api/incidents/" + id[0]).json();
        assertThat(incident.get("component").asText()).isEqualTo("worker");
        JsonNode step = incident.get("steps").get(0);
        assertThat(step.get("action").asText()).isEqualTo("slow_fix");
        assertThat(step.get("outcome").asText()).isEqualTo("INTERRUPTED");
        assertThat(incident.get("steps")).hasSize(1);
        assertThat(incident.get("timeline").toString()).contains("slow_fix INTERRUPTED").contains("not re-run blindly");
        assertThat(incident.get("state").asText()).isIn("ESCALATED", "RESOLVED");
        assertThat(ChildProcesses.find(ProcessHandle.current(), "sleep", "301")).isEmpty();
        assertThat(again.get("/api/incidents?component=worker").json().get("incidents")).hasSize(1);
    }

    @Test
    void sigtermStopsTheDaemonCleanlyAndItsSupervisedChildrenWithIt() throws Exception {
        // Given a daemon in a child JVM supervising a worker
        ApiClient api = new ApiClient(startChildDaemon(config("606")));
        ProcessHandle worker = awaitOne(child.toHandle(), "sleep", "606");
        await().atMost(PATIENCE).until(() -> api.statusOf("worker").equals("HEALTHY"));

        // When it gets SIGTERM
        child.destroy();

        // Then it exits 0 and the worker is gone too
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        await().atMost(PATIENCE).until(() -> !worker.isAlive());
    }

    @Test
    void sigtermEndsACheckCommandStillRunningWithoutTheDeathSignal() throws Exception {
        // Given a daemon (no death signal: only its own stop can end the command) whose check's command is running
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, """
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                checks:
                  - { name: slow, type: command, command: [sh, -c, "sleep 609; true"], interval: 1s, timeout: 300s }
                healing: { degradation: { host-resources: false } }
                """.formatted(dir));
        startChildDaemon(file, false);
        ProcessHandle command = awaitOne(child.toHandle(), "sleep", "609");
        leftovers.add(command);

        // When it gets SIGTERM
        child.destroy();

        // Then it exits 0 and the check's command (a grandchild of its shell) is gone too, not orphaned
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        await().atMost(PATIENCE).until(() -> !command.isAlive());
    }

    private static ProcessHandle awaitOne(ProcessHandle parent, String... argv) {
        ProcessHandle[] found = new ProcessHandle[1];
        await().atMost(PATIENCE).until(() -> {
            found[0] = ChildProcesses.findOne(parent, argv).orElse(null);
            return found[0] != null;
        });
        return found[0];
    }
}
