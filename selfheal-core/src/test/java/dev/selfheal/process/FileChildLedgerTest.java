package dev.selfheal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real processes, started outside {@link ChildProcesses} so that they stand for a dead daemon's children. */
@EnabledOnOs(OS.LINUX)
class FileChildLedgerTest {

    private static final Duration GRACE = Duration.ofMillis(500);

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
    void aLeftoverChildIsEndedWithWhatItStartedInItsGroup() throws Exception {
        // Given a child in a group of its own that started a grandchild, recorded and never ended
        Process child = start("setsid", "--", "sh", "-c", "sleep 611 & wait");
        await().atMost(Duration.ofSeconds(10)).until(() -> child.descendants().findAny().isPresent());
        ProcessHandle grandchild = child.descendants().findFirst().orElseThrow();
        Path file = dir.resolve("ledger");
        Files.writeString(file, line(child.toHandle(), "service web"));

        // When the next daemon opens the ledger
        FileChildLedger.open(file, GRACE);

        // Then both are gone, and the ledger starts empty
        assertThat(child.toHandle().isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !grandchild.isAlive());
        assertThat(FileChildLedger.read(file)).isEmpty();
    }

    @Test
    void aPidNowHeldByAProcessThatStartedAtAnotherTimeIsLeftAlone() throws Exception {
        // Given a ledger line whose pid is now another process's (it started a minute later)
        Process other = start("sleep", "612");
        Instant otherStart = other.toHandle().info().startInstant().orElseThrow();
        Path file = dir.resolve("ledger");
        Files.writeString(file, "S\t%d\t%d\tservice old\tsleep 1\n".formatted(other.pid(), otherStart.minusSeconds(60).toEpochMilli()));

        // When the ledger is opened
        FileChildLedger.open(file, GRACE);

        // Then the process is not touched
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void theChildrenOfThisJvmAreKept() throws Exception {
        Process mine = ChildProcesses.start(new ProcessBuilder("sleep", "613"), "test mine");
        started.add(mine);
        Path file = dir.resolve("ledger");
        Files.writeString(file, line(mine.toHandle(), "test mine"));

        FileChildLedger.open(file, GRACE);

        assertThat(mine.isAlive()).isTrue();
    }

    @Test
    void endedChildrenLeaveTheLedgerAndTheFileIsCompacted() throws Exception {
        Path file = dir.resolve("ledger");
        FileChildLedger ledger = FileChildLedger.open(file, GRACE);
        ChildProcesses.Child kept = new ChildProcesses.Child(4_000_001, Instant.ofEpochMilli(1_000), "sleep 1", "service kept");
        ledger.started(kept);
        for (int i = 0; i < 5_000; i++) {
            ChildProcesses.Child c = new ChildProcesses.Child(100 + i, Instant.ofEpochMilli(2_000 + i), "true", "check\tprobe\n" + i);
            ledger.started(c);
            ledger.ended(c);
        }

        assertThat(FileChildLedger.read(file)).extracting(FileChildLedger.Entry::pid).containsExactly(4_000_001L);
        assertThat(Files.readAllLines(file)).hasSizeLessThan(4_200);
        assertThat(ledger.failures()).isZero();
    }

    @Test
    void aTornOrUnknownLineIsSkipped() throws Exception {
        Path file = dir.resolve("ledger");
        Files.writeString(file, "S\t12x\t5\tservice a\tsleep 1\nE\t\ngarbage\nS\t4000002\t1000\tservice b\tsleep 2\n");

        assertThat(FileChildLedger.read(file)).extracting(FileChildLedger.Entry::what).containsExactly("service b");
    }

    private Process start(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).start();
        started.add(p);
        return p;
    }

    private static String line(ProcessHandle handle, String what) {
        return "S\t%d\t%d\t%s\tcommand\n".formatted(handle.pid(), handle.info().startInstant().orElseThrow().toEpochMilli(), what);
    }
}
