package dev.selfheal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and ends what a dead daemon's children left running: the child itself when a process
 * with its pid started at its start time, and every process still in its process group. See
 * {@link FileChildLedger} for why a group's members can be trusted once its leader is gone.
 */
final class LeftoverChildren {

    /** /proc's start times have a resolution of a clock tick; a recorded start matches within a second. */
    private static final long SAME_START_MILLIS = 1_000;

    private LeftoverChildren() { }

    /** Ends the leftovers of {@code entries} (SIGTERM, {@code grace}, SIGKILL) and returns the entries that had any. */
    static List<FileChildLedger.Entry> end(List<FileChildLedger.Entry> entries, Duration grace) {
        List<ChildProcesses.Child> ours = ChildProcesses.running();
        Map<FileChildLedger.Entry, List<ProcessHandle>> found = new LinkedHashMap<>();
        for (FileChildLedger.Entry entry : entries) {
            boolean mine = ours.stream().anyMatch(c -> c.pid() == entry.pid()
                    && Math.abs(c.startedAt().toEpochMilli() - entry.startMillis()) < SAME_START_MILLIS);
            if (!mine) {
                List<ProcessHandle> left = leftOf(entry);
                if (!left.isEmpty()) {
                    found.put(entry, left);
                }
            }
        }
        ProcessTree.endAll(found.values().stream().flatMap(List::stream).toList(), grace, "end-leftover");
        return List.copyOf(found.keySet());
    }

    /** The living processes that belong to the recorded child: itself (same start) and its group. */
    static List<ProcessHandle> leftOf(FileChildLedger.Entry entry) {
        Optional<ProcessHandle> leader = ProcessHandle.of(entry.pid()).filter(LeftoverChildren::running);
        if (leader.isPresent() && !startedAt(leader.get(), entry.startMillis())) {
            return List.of(); // the pid is another process's now (and so is any group it leads)
        }
        List<ProcessHandle> left = new ArrayList<>();
        leader.ifPresent(left::add);
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> p.pid() != entry.pid() && processGroup(p.pid()) == entry.pid())
                    .filter(LeftoverChildren::running)
                    .filter(p -> p.info().startInstant().map(s -> s.toEpochMilli() >= entry.startMillis() - SAME_START_MILLIS).orElse(false))
                    .forEach(left::add);
        }
        return left;
    }

    private static boolean startedAt(ProcessHandle handle, long startMillis) {
        return handle.info().startInstant().map(s -> Math.abs(s.toEpochMilli() - startMillis) < SAME_START_MILLIS).orElse(false);
    }

    /** Alive and not a zombie (a zombie is dead: it only waits for its parent to read its status). */
    private static boolean running(ProcessHandle p) {
        return p.isAlive() && stat(p.pid()).map(s -> !s[0].equals("Z")).orElse(true);
    }

    /** The process group of {@code pid}, or -1 when it cannot be read (not Linux, or gone). */
    static long processGroup(long pid) {
        return stat(pid).map(s -> Long.parseLong(s[2])).orElse(-1L);
    }

    /** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, ... */
    private static Optional<String[]> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
