package dev.selfheal.process;

import java.util.List;

/**
 * A stand-in for the daemon, run as its own JVM by {@link ChildProcessesTest}: starts
 * {@code sleep 600} as a child, prints the child's pid and waits to be killed.
 */
public final class OrphanMaker {

    public static void main(String[] args) throws Exception {
        Process child = ChildProcesses.start(new ProcessBuilder(List.of("sleep", "600")), "test child");
        System.out.println(child.pid());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
