package dev.selfheal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real process trees: a shell whose child ignores SIGTERM, and its grandchildren. */
class ProcessTreeTest {

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        });
    }

    @Test
    void endWaitsForTheWholeTreeNotJustTheRootAndKillsWhatIgnoresSigterm() throws Exception {
        // The root exits on SIGTERM at once; its child traps SIGTERM and would run on for 10 minutes.
        Process root = start("trap '' TERM; sleep 600 & echo $!; wait");
        long grandchild = Long.parseLong(firstLine(root));
        ProcessHandle stubborn = ProcessHandle.of(grandchild).orElseThrow();

        boolean graceful = ProcessTree.end(root.toHandle(), Duration.ofMillis(300));

        assertThat(graceful).isFalse();
        assertThat(stubborn.isAlive()).as("the grandchild is gone when end returns").isFalse();
        assertThat(root.toHandle().isAlive()).isFalse();
    }

    @Test
    void aTreeThatHonoursSigtermEndsGracefully() throws Exception {
        Process root = start("sleep 600 & echo $!; wait");
        ProcessHandle child = ProcessHandle.of(Long.parseLong(firstLine(root))).orElseThrow();

        assertThat(ProcessTree.end(root.toHandle(), Duration.ofSeconds(10))).isTrue();
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void anInterruptedCallerStillEndsTheTreeAndKeepsItsInterrupt() throws Exception {
        Process root = start("trap '' TERM; sleep 600 & echo $!; wait");
        ProcessHandle child = ProcessHandle.of(Long.parseLong(firstLine(root))).orElseThrow();

        Thread.currentThread().interrupt();
        try {
            ProcessTree.end(root.toHandle(), Duration.ofSeconds(30));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void killEndsEveryMemberAtOnce() throws Exception {
        Process root = start("trap '' TERM; sleep 600 & echo $!; wait");
        ProcessHandle child = ProcessHandle.of(Long.parseLong(firstLine(root))).orElseThrow();

        ProcessTree.kill(root.toHandle());

        await().atMost(Duration.ofSeconds(10)).until(() -> !child.isAlive() && !root.isAlive());
    }

    private Process start(String script) throws IOException {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        started.add(p.toHandle());
        return p;
    }

    private static String firstLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine().strip();
    }
}
