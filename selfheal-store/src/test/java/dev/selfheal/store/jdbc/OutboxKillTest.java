package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.OutboxEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing parked is lost when the process is killed: a real child JVM parks calls into a
 * SQLite file and is killed with SIGKILL; another is killed in the middle of a replay, after
 * the far side applied a message but before the outbox heard of it. The last replay delivers
 * everything, in order, and the idempotency key keeps the far side from applying one twice.
 */
class OutboxKillTest {

    private static final int MESSAGES = 20;

    @TempDir
    Path dir;

    @Test
    void parkedCallsSurviveKillNineAndAreReplayedInOrderExactlyOnceOnTheFarSide() throws Exception {
        Path db = dir.resolve("selfheal.db");
        Path remote = dir.resolve("slack-remote.log");

        // Given a process that parked 20 messages while slack's breaker was open, killed with SIGKILL
        Process parker = child("park", db.toString(), Integer.toString(MESSAGES));
        awaitLine(parker, "CHILD READY");
        kill(parker);

        // Then all 20 are in the outbox, in order
        try (Database database = Database.open("jdbc:sqlite:" + db, null, null)) {
            List<OutboxEntry> pending = new JdbcOutboxStore(database).pending("slack", 100);
            assertThat(pending).extracting(OutboxEntry::idempotencyKey)
                    .containsExactlyElementsOf(IntStream.range(0, MESSAGES).mapToObj(i -> "msg-" + i).toList());
        }

        // When a second process replays them and is killed right after the far side applied msg-7, before the ack
        Process replayer = child("replay", db.toString(), remote.toString(), "msg-7");
        awaitLine(replayer, "CHILD APPLIED msg-7");
        kill(replayer);

        // And the service restarts and replays, the far side dropping repeats by idempotency key
        List<String> applied = new ArrayList<>(Files.readAllLines(remote));
        assertThat(applied).containsExactlyElementsOf(IntStream.rangeClosed(0, 7).mapToObj(i -> "msg-" + i).toList());
        Set<String> seen = new LinkedHashSet<>(applied);
        List<String> repeatsDropped = new ArrayList<>();
        try (Database database = Database.open("jdbc:sqlite:" + db, null, null);
             GuardRegistry registry = GuardRegistry.builder().outboxStore(new JdbcOutboxStore(database))
                     .replayExecutor(Runnable::run).guard(OutboxChild.slack()).build()) {
            Guard slack = registry.guard("slack");
            assertThat(slack.parkedCount()).isEqualTo(MESSAGES - 7); // msg-0..msg-6 were acknowledged
            slack.outbox().registerHandler("post_message", m -> {
                if (!seen.add(m.idempotencyKey())) {
                    repeatsDropped.add(m.idempotencyKey());
                    return;
                }
                Files.writeString(remote, m.idempotencyKey() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            });

            // Then everything was delivered at least once, applied exactly once, in order
            assertThat(Files.readAllLines(remote)).containsExactlyElementsOf(IntStream.range(0, MESSAGES).mapToObj(i -> "msg-" + i).toList());
            assertThat(repeatsDropped).containsExactly("msg-7");
            assertThat(slack.parkedCount()).isZero();
            assertThat(new JdbcOutboxStore(database).pendingCount("slack")).isZero();
        }
    }

    private Process child(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", OutboxChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the child's output until {@code marker}; fails with what it printed when it does not come in time. */
    private static void awaitLine(Process process, String marker) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the child was killed
            }
        });
        List<String> tail = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive() && lines.isEmpty()) {
                    break;
                }
                continue;
            }
            tail.add(line);
            if (tail.size() > 40) {
                tail.remove(0);
            }
            if (line.equals(marker)) {
                return;
            }
        }
        reader.interrupt();
        throw new AssertionError("child never printed '%s' (alive=%s); last output:%n%s".formatted(marker, process.isAlive(), String.join("\n", tail)));
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no flush, no close
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(137); // 128 + SIGKILL
    }
}
