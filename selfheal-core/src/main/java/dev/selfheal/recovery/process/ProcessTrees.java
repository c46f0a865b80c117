package dev.selfheal.recovery.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping a process with its children: what a timeout or a restart needs. */
final class ProcessTrees {

    private ProcessTrees() { }

    /** SIGKILL to the process and every descendant, children first taken as a snapshot. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * SIGTERM to the tree, up to {@code grace} for it to exit, then SIGKILL. Returns true when
     * the process exited of its own accord within the grace time.
     */
    static boolean stopTree(ProcessHandle root, Duration grace) throws InterruptedException {
        if (!root.isAlive()) {
            return true;
        }
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroy();
        descendants.forEach(ProcessHandle::destroy);
        boolean graceful = awaitExit(root, grace);
        if (!graceful) {
            killTree(root);
            awaitExit(root, Duration.ofSeconds(10));
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        return graceful;
    }

    static boolean awaitExit(ProcessHandle handle, Duration limit) throws InterruptedException {
        try {
            handle.onExit().get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        }
    }
}
