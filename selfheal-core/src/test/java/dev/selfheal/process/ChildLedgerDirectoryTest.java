package dev.selfheal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes stand for the children of other daemons; a real process holding a run's lock
 * (python's {@code fcntl.lockf}, the same POSIX lock the JVM takes) stands for a daemon that lives.
 */
@EnabledOnOs(OS.LINUX)
class ChildLedgerDirectoryTest {

    private static final Duration GRACE = Duration.ofMillis(500);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void theChildrenOfADeadDaemonAreEndedWithTheirGroupAndItsFilesRemoved() throws Exception {
        // Given a dead run's lock (nobody holds it) and ledger naming a child that started a grandchild
        Process child = start("setsid", "--", "sh", "-c", "sleep 621 & wait");
        await().atMost(PATIENCE).until(() -> child.descendants().findAny().isPresent());
        ProcessHandle grandchild = child.descendants().findFirst().orElseThrow();
        Files.writeString(dir.resolve("daemon-1-2-1.lock"), "");
        Files.writeString(dir.resolve("daemon-1-2-1.ledger"), line(child.toHandle(), "service web"));

        // When a daemon opens the directory
        try (ChildLedgerDirectory ledger = ChildLedgerDirectory.open(dir, List.of(), GRACE)) {
            // Then both processes are gone, and only this run's files are left
            await().atMost(PATIENCE).until(() -> !child.isAlive() && !grandchild.isAlive());
            assertThat(names()).containsExactlyInAnyOrder(ledger.file().getFileName().toString(),
                    ledger.file().getFileName().toString().replace(".ledger", ".lock"));
        }
        assertThat(names()).isEmpty();
    }

    @Test
    void aLiveDaemonsChildrenAreLeftAloneUntilItDies() throws Exception {
        // Given a run whose lock a live process holds, and whose ledger names a running child
        Process child = start("setsid", "--", "sleep", "622");
        Path lock = dir.resolve("daemon-7-8-1.lock");
        Files.writeString(dir.resolve("daemon-7-8-1.ledger"), line(child.toHandle(), "service web"));
        Process holder = start("python3", "-c", """
                import fcntl, sys, time
                f = open(sys.argv[1], 'a')
                fcntl.lockf(f, fcntl.LOCK_EX)
                print('locked', flush=True)
                time.sleep(600)
                """, lock.toString());
        assertThat(new String(holder.getInputStream().readNBytes(6))).isEqualTo("locked");

        // When another daemon opens the same directory (as two daemons with the same derived key do)
        ChildLedgerDirectory.open(dir, List.of(), GRACE).close();

        // Then the live daemon's child runs on and its files stay
        assertThat(child.isAlive()).isTrue();
        assertThat(names()).containsExactlyInAnyOrder("daemon-7-8-1.lock", "daemon-7-8-1.ledger");

        // And once the holder is killed with SIGKILL, the next daemon ends the child
        holder.destroyForcibly().waitFor();
        ChildLedgerDirectory.open(dir, List.of(), GRACE).close();
        await().atMost(PATIENCE).until(() -> !child.isAlive());
        assertThat(names()).isEmpty();
    }

    @Test
    void twoRunsInOneJvmLeaveEachOthersChildrenAlone() throws Exception {
        try (ChildLedgerDirectory first = ChildLedgerDirectory.open(dir, List.of(), GRACE)) {
            Process child = start("sleep", "623");
            first.started(new ChildProcesses.Child(child.pid(), child.toHandle().info().startInstant().orElseThrow(), "sleep 623", "service a"));

            ChildLedgerDirectory.open(dir, List.of(), GRACE).close();

            assertThat(child.isAlive()).isTrue();
            assertThat(FileChildLedger.read(first.file())).extracting(FileChildLedger.Entry::pid).containsExactly(child.pid());
        }
    }

    @Test
    void anAbandonedRunsLedgerIsEndedByTheNextAndALegacyLedgerToo() throws Exception {
        Process abandonedChild = start("setsid", "--", "sleep", "624");
        Process legacyChild = start("setsid", "--", "sleep", "625");
        ChildLedgerDirectory first = ChildLedgerDirectory.open(dir, List.of(), GRACE);
        first.started(new ChildProcesses.Child(abandonedChild.pid(), abandonedChild.toHandle().info().startInstant().orElseThrow(),
                "sleep 624", "service a"));
        first.abandon();
        Path legacy = dir.resolveSibling(dir.getFileName() + "-selfheal.db.children");
        Files.writeString(legacy, line(legacyChild.toHandle(), "service b"));

        ChildLedgerDirectory.open(dir, List.of(legacy), GRACE).close();

        await().atMost(PATIENCE).until(() -> !abandonedChild.isAlive() && !legacyChild.isAlive());
        assertThat(legacy).doesNotExist();
        assertThat(names()).isEmpty();
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private Process start(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).start();
        started.add(p);
        return p;
    }

    private static String line(ProcessHandle handle, String what) {
        Instant start = handle.info().startInstant().orElseThrow();
        return "S\t%d\t%d\t%s\tcommand\n".formatted(handle.pid(), start.toEpochMilli(), what);
    }
}
