package dev.selfheal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Real child processes, and a real second JVM standing in for the daemon. */
class ChildProcessesTest {

    @Test
    void aChildDiesWithTheJvmThatStartedItEvenOnKill9() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process daemon = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long childPid = Long.parseLong(new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))
                    .readLine().strip());
            ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
            assertThat(child.isAlive()).isTrue();

            daemon.destroyForcibly(); // SIGKILL: no shutdown hook runs

            await().atMost(Duration.ofSeconds(20)).until(() -> !child.isAlive());
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void endAllEndsEveryRunningChildWithItsTree() throws Exception {
        Process a = ChildProcesses.start(new ProcessBuilder("sh", "-c", "sleep 600 & wait"), "test a");
        Process b = ChildProcesses.start(new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 600"), "test b");
        List<ProcessHandle> members = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.descendants().findAny().isPresent());
        members.addAll(ProcessTree.members(a.toHandle()));
        members.addAll(ProcessTree.members(b.toHandle()));

        int ended = ChildProcesses.endAll(Duration.ofMillis(300));

        assertThat(ended).isGreaterThanOrEqualTo(2);
        assertThat(members).noneMatch(ProcessHandle::isAlive);
        await().atMost(Duration.ofSeconds(10)).until(() -> ChildProcesses.running().stream()
                .noneMatch(c -> c.pid() == a.pid() || c.pid() == b.pid()));
    }

    @Test
    void aRecordedChildIsInTheLedgerUntilItExits() throws Exception {
        var started = new CopyOnWriteArrayList<ChildProcesses.Child>();
        var ended = new CopyOnWriteArrayList<ChildProcesses.Child>();
        ChildProcesses.recordIn(new ChildLedger() {
            @Override
            public void started(ChildProcesses.Child child) {
                started.add(child);
            }

            @Override
            public void ended(ChildProcesses.Child child) {
                ended.add(child);
            }
        });
        try {
            Process p = ChildProcesses.start(new ProcessBuilder("sh", "-c", "exit 0"), "test quick");
            p.waitFor();

            await().atMost(Duration.ofSeconds(10)).until(() -> ended.stream().anyMatch(c -> c.pid() == p.pid()));
            ChildProcesses.Child child = started.stream().filter(c -> c.pid() == p.pid()).findFirst().orElseThrow();
            assertThat(child.command()).isEqualTo("sh -c exit 0");
            assertThat(child.what()).isEqualTo("test quick");
        } finally {
            ChildProcesses.recordIn(ChildLedger.NONE);
        }
    }

    @Test
    void aMissingProgramIsAnIoErrorNamingIt() {
        assertThatThrownBy(() -> ChildProcesses.start(new ProcessBuilder("no-such-program-xyz"), "test missing"))
                .isInstanceOf(IOException.class).hasMessageContaining("no-such-program-xyz");
    }
}
