package dev.selfheal.server.testing;

import java.util.List;
import java.util.Optional;

/** Finds the child processes a daemon started, as the operating system sees them. */
public final class ChildProcesses {

    private ChildProcesses() { }

    /** Live descendants of {@code parent} whose argv is exactly {@code argv} (e.g. {@code sleep 600}). */
    public static List<ProcessHandle> find(ProcessHandle parent, String... argv) {
        return parent.descendants().filter(ProcessHandle::isAlive).filter(p -> matches(p, argv)).toList();
    }

    public static Optional<ProcessHandle> findOne(ProcessHandle parent, String... argv) {
        List<ProcessHandle> found = find(parent, argv);
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    private static boolean matches(ProcessHandle p, String... argv) {
        var info = p.info();
        if (info.command().isEmpty() || !info.command().get().endsWith("/" + argv[0]) && !info.command().get().equals(argv[0])) {
            return false;
        }
        String[] args = info.arguments().orElse(new String[0]);
        if (args.length != argv.length - 1) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals(argv[i + 1])) {
                return false;
            }
        }
        return true;
    }
}
