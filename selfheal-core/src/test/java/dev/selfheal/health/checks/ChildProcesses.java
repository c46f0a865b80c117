package dev.selfheal.health.checks;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real child processes for the tests, all destroyed at the end so none outlives the test. */
final class ChildProcesses implements AutoCloseable {

    /** The machine is small and shared: process starts and exits may take a while. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<Process> started = new ArrayList<>();

    Process start(String... argv) throws IOException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    static boolean isGone(long pid) {
        return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
    }

    static void awaitGone(long pid) {
        await().atMost(PATIENCE).until(() -> isGone(pid));
    }

    @Override
    public void close() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : started) {
            awaitGone(process.pid());
        }
    }
}
