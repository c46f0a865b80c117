package dev.selfheal.server.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.ChildProcesses;
import dev.selfheal.server.testing.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite file on a real 8 MiB tmpfs that the test fills to the last byte: a killed worker is
 * still restarted each time, its incident still opens (the API shows it), the log stays short,
 * every lost result is counted, the outage opens a store_unavailable incident (and its alert) that
 * resolves when space is back, and what the daemon kept reaches the file once space is back.
 * Needs the right to mount a tmpfs (root in a container); skipped where there is none.
 */
class FullDiskHealingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The target: with the disk full for 60 s, every kill restarted and at most 100 log lines a minute. */
    private static final long FULL_FOR_SECONDS = 60;

    @TempDir
    Path dir;

    private Path disk;
    private Daemon daemon;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        disk = dir.resolve("disk");
        Files.createDirectories(disk);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here: " + new String(mount.getInputStream().readAllBytes()));
    }

    @AfterEach
    void unmount() throws Exception {
        if (daemon != null) {
            daemon.stop();
        }
        ChildProcesses.find(ProcessHandle.current(), "sleep", "608").forEach(ProcessHandle::destroyForcibly);
        new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void aFullDiskStopsNoRestartLosesNothingUncountedAndKeepsTheLogShort() throws Exception {
        Path config = dir.resolve("selfheal.yaml");
        Files.writeString(config, """
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db", min-free-space-mb: 1 }
                checks:
                  - { name: busy, type: jvm, interval: 100ms }
                services:
                  - { name: worker, command: [sleep, "608"], stop-grace: 1s, check: { interval: 200ms } }
                healing:
                  interval: 1s
                  verification: { window: 2s, poll: 200ms }
                  max-actions: { per-component: 10, global: 20, window: 15m }
                  degradation: { host-resources: false }
                """.formatted(disk), java.nio.charset.StandardCharsets.UTF_8);
        daemon = Daemon.start(new ConfigLoader(Map.of()).load(config), new CheckFactory());
        ApiClient api = new ApiClient(daemon.baseUri());
        await().atMost(PATIENCE).until(() -> api.statusOf("worker").equals("HEALTHY"));

        try (LogCapture log = LogCapture.open()) {
            // Given a disk with not one byte left
            Path filler = disk.resolve("filler");
            fill(filler);
            long start = System.nanoTime();
            await().atMost(PATIENCE).until(() -> droppedResults(api) > 0);
            // and the outage is seen: a store_unavailable incident on selfheal-store, with its alert
            await().atMost(PATIENCE).until(() -> api.get("/api/incidents?component=selfheal-store").body().contains("store_unavailable"));
            await().atMost(PATIENCE).until(() -> api.get("/api/alerts").body().contains("selfheal-store"));

            // When the worker is killed three times while the disk stays full for a minute, 20 s apart
            for (int kill = 1; kill <= 3; kill++) {
                long due = start + TimeUnit.SECONDS.toNanos(20L * (kill - 1));
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> System.nanoTime() >= due);
                ProcessHandle worker = ChildProcesses.findOne(ProcessHandle.current(), "sleep", "608").orElseThrow();
                worker.destroyForcibly();
                // Then each time it is restarted, under an incident the API shows
                await().atMost(PATIENCE).until(() -> ChildProcesses.findOne(ProcessHandle.current(), "sleep", "608")
                        .filter(p -> p.pid() != worker.pid()).isPresent());
                int expected = kill;
                await().atMost(PATIENCE).until(() -> incidentsOf(api) >= expected && allResolved(api));
            }
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(FULL_FOR_SECONDS));
            assertThat(droppedResults(api)).isPositive();
            double minutes = Math.max(1, (System.nanoTime() - start) / 60e9);
            assertThat(log.lines().size()).as("log lines while the disk was full:\n" + log.text()).isLessThanOrEqualTo((int) (100 * minutes));

            // And once space is back, the incidents reach the file
            Files.delete(filler);
            await().atMost(PATIENCE).until(() -> api.get("/metrics").body().contains("selfheal_incident_store_pending 0.0"));
            // and the store's own incident is resolved
            await().atMost(PATIENCE).until(() -> {
                JsonNode list = api.get("/api/incidents?component=selfheal-store").json().get("incidents");
                return list.size() > 0 && list.get(0).get("state").asText().equals("RESOLVED");
            });
        }
        daemon.stop();
        daemon = Daemon.start(new ConfigLoader(Map.of()).load(config), new CheckFactory());
        assertThat(incidentsOf(new ApiClient(daemon.baseUri()))).isGreaterThanOrEqualTo(3);
    }

    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: the point
        }
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // the last bytes too
        }
    }

    private static int incidentsOf(ApiClient api) {
        JsonNode incidents = api.get("/api/incidents?component=worker").json().get("incidents");
        return incidents.size();
    }

    /** Every incident of the worker RESOLVED: its restart was verified, so the next kill opens a new one. */
    private static boolean allResolved(ApiClient api) {
        for (JsonNode incident : api.get("/api/incidents?component=worker").json().get("incidents")) {
            if (!incident.get("state").asText().equals("RESOLVED")) {
                return false;
            }
        }
        return true;
    }

    private static double droppedResults(ApiClient api) {
        Matcher m = Pattern.compile("(?m)^selfheal_history_dropped_total(?:\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(api.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
