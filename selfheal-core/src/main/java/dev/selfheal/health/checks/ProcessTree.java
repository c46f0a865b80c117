package dev.selfheal.health.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a child process and everything it started. Descendants are listed before the parent is
 * signalled, because once the parent dies its children are re-parented and can no longer be found.
 */
final class ProcessTree {

    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

    private ProcessTree() { }

    /**
     * Asks the tree to terminate, waits up to {@code grace}, then kills what is left. Runs to the end
     * even when the calling thread is interrupted (the interrupt only cuts the grace short), and
     * leaves the thread's interrupt status as it found it.
     */
    static void destroy(Process process, Duration grace) {
        boolean interrupted = Thread.interrupted();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        if (!interrupted) {
            interrupted = awaitExit(tree, grace);
        }
        List<ProcessHandle> survivors = tree.stream().filter(ProcessHandle::isAlive).toList();
        survivors.forEach(ProcessHandle::destroyForcibly);
        if (!survivors.isEmpty()) {
            log.info("event=process_tree_killed pid={} survivors={}", process.pid(),
                    survivors.stream().map(ProcessHandle::pid).toList());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns whether the wait was interrupted. */
    private static boolean awaitExit(List<ProcessHandle> tree, Duration grace) {
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
