package dev.selfheal.process;

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
 * Ends a process and everything it started, and waits until the whole tree is gone: a grandchild
 * that still holds a port or a pipe is as much a survivor as the root. Descendants are listed
 * before anything is signalled, because once the root dies its children are re-parented and can
 * no longer be found from it.
 */
public final class ProcessTree {

    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

    /** How long a SIGKILLed tree may take to be reaped before the wait gives up. */
    static final Duration REAP = Duration.ofSeconds(10);

    private ProcessTree() { }

    /**
     * SIGTERM to the tree, up to {@code grace} for every member to exit, then SIGKILL to the ones
     * left and a wait for them to be reaped. Runs to the end even when the calling thread is
     * interrupted (the interrupt only cuts the grace short), and leaves the thread's interrupt
     * status as it found it.
     *
     * @return whether the whole tree exited within the grace time, without SIGKILL
     */
    public static boolean end(ProcessHandle root, Duration grace) {
        boolean interrupted = Thread.interrupted();
        List<ProcessHandle> tree = members(root);
        tree.forEach(ProcessHandle::destroy);
        if (!interrupted) {
            interrupted = awaitExit(tree, grace);
        }
        List<ProcessHandle> survivors = tree.stream().filter(ProcessHandle::isAlive).toList();
        if (!survivors.isEmpty()) {
            survivors.forEach(ProcessHandle::destroyForcibly);
            awaitExit(survivors, REAP);
            log.info("event=process_tree_killed pid={} survivors={}", root.pid(), survivors.stream().map(ProcessHandle::pid).toList());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return survivors.isEmpty();
    }

    /**
     * Ends every process in {@code roots} with its tree ({@link #end}), all at once, each on a
     * virtual thread named {@code name-<pid>}, and returns when all have ended. An interrupt
     * meanwhile does not cut the wait short (the processes must be gone when this returns); it is
     * kept for the caller.
     */
    public static void endAll(List<ProcessHandle> roots, Duration grace, String name) {
        List<Thread> enders = new ArrayList<>();
        for (ProcessHandle root : roots) {
            enders.add(Thread.ofVirtual().name(name + "-" + root.pid()).start(() -> end(root, grace)));
        }
        boolean interrupted = false;
        for (Thread ender : enders) {
            while (true) {
                try {
                    ender.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL to the tree at once, and a wait (bounded, interrupt-safe) until every member is reaped. */
    public static void kill(ProcessHandle root) {
        boolean interrupted = Thread.interrupted();
        List<ProcessHandle> tree = members(root);
        tree.forEach(ProcessHandle::destroyForcibly);
        interrupted |= awaitExit(tree, REAP);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The root and every living descendant, descendants snapshotted first. */
    static List<ProcessHandle> members(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        return tree;
    }

    /** Returns whether the wait was interrupted. */
    private static boolean awaitExit(List<ProcessHandle> tree, Duration limit) {
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
