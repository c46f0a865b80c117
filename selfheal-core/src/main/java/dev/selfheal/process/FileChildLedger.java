package dev.selfheal.process;

import dev.selfheal.logs.RepeatingFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The children of a daemon, one line per start and per end, in a file next to its store, so that
 * the daemon started after a {@code kill -9} ends what the dead one left running before it starts
 * its own copies (a service that holds a port would otherwise fail with "Address already in use"
 * while the orphan keeps serving).
 *
 * <p>A pid alone is not a process: pids are reused. A line names a child by pid and start time,
 * and a leftover is ended only when a process with that pid started at that time, or, once the
 * child itself is gone, the processes still in its process group (each child leads a group of
 * its own; Linux does not hand out a pid again while a group still carries it as its id, so the
 * group's members can only be what the child started). A pid now held by a process that started
 * at another time is left alone.
 *
 * <p>Appends are not synced: a killed JVM loses nothing the kernel has; only a power cut does,
 * and a power cut leaves no orphans. A write that fails (a full disk) is counted and logged as a
 * {@link RepeatingFailure}; a child's start never waits on or fails for the ledger. The file is
 * rewritten with the children still running once it holds many more ended lines than running
 * ones (a command check every second appends two lines a second).
 */
public final class FileChildLedger implements ChildLedger {

    private static final Logger log = LoggerFactory.getLogger(FileChildLedger.class);
    private static final int COMPACT_AFTER = 2_000;

    /** A child the ledger lists as running. */
    public record Entry(long pid, long startMillis, String what, String command) {

        /** The ledger's line for this child's start, without its line break. */
        String startedLine() {
            return "S\t" + pid + "\t" + startMillis + "\t" + what + "\t" + command;
        }
    }

    private final Path file;
    private final Map<String, Entry> running = new LinkedHashMap<>();
    private final RepeatingFailure writeFailure = new RepeatingFailure(log, "child_ledger_write_failed");
    private final AtomicLong failures = new AtomicLong();
    private int lines;

    private FileChildLedger(Path file) {
        this.file = file;
    }

    /**
     * Opens the ledger at {@code file}: ends every child a previous daemon recorded as running and
     * that still runs (with what it started), then starts an empty ledger. Children this JVM is
     * running itself are kept.
     *
     * @param grace how long a leftover gets after SIGTERM before SIGKILL
     */
    public static FileChildLedger open(Path file, Duration grace) {
        FileChildLedger ledger = new FileChildLedger(file);
        List<Entry> leftovers = read(file);
        List<Entry> ended = LeftoverChildren.end(leftovers, grace);
        if (!ended.isEmpty()) {
            log.warn("event=leftover_children_ended count={} what={} pids={}", ended.size(), ended.stream().map(Entry::what).toList(),
                    ended.stream().map(Entry::pid).toList());
        }
        synchronized (ledger) {
            ledger.rewrite();
        }
        return ledger;
    }

    /** The ledger's file. */
    public Path file() {
        return file;
    }

    /** Writes that failed since the ledger was opened. */
    public long failures() {
        return failures.get();
    }

    @Override
    public synchronized void started(ChildProcesses.Child child) {
        Entry entry = new Entry(child.pid(), child.startedAt().toEpochMilli(), oneLine(child.what()), oneLine(child.command()));
        running.put(key(entry.pid(), entry.startMillis()), entry);
        append(entry.startedLine());
    }

    @Override
    public synchronized void ended(ChildProcesses.Child child) {
        long start = child.startedAt().toEpochMilli();
        if (running.remove(key(child.pid(), start)) == null) {
            return;
        }
        if (lines > COMPACT_AFTER + 2 * running.size()) {
            rewrite();
        } else {
            append("E\t" + child.pid() + "\t" + start);
        }
    }

    /** The children the file lists as running (started and not ended); unreadable lines are skipped. */
    static List<Entry> read(Path file) {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            log.warn("event=child_ledger_unreadable file={} error=\"{}\"", file, e.toString());
            return List.of();
        }
        Map<String, Entry> live = new LinkedHashMap<>();
        for (String line : text) {
            String[] f = line.split("\t", 5);
            try {
                if (f[0].equals("S") && f.length == 5) {
                    Entry e = new Entry(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], f[4]);
                    live.put(key(e.pid(), e.startMillis()), e);
                } else if (f[0].equals("E") && f.length >= 3) {
                    live.remove(key(Long.parseLong(f[1]), Long.parseLong(f[2])));
                }
            } catch (NumberFormatException e) {
                // a line torn by a crash mid-write: skipped
            }
        }
        return List.copyOf(live.values());
    }

    private void append(String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            lines++;
            writeFailure.succeeded();
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            writeFailure.failed("file=" + file, e);
        }
    }

    /** Replaces the file with the children running now (atomically: a crash leaves the old file or the new one). */
    private void rewrite() {
        StringBuilder text = new StringBuilder();
        for (Entry e : running.values()) {
            text.append(e.startedLine()).append('\n');
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, text, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            lines = running.size();
            writeFailure.succeeded();
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            writeFailure.failed("file=" + file, e);
        }
    }

    private static String key(long pid, long startMillis) {
        return pid + "@" + startMillis;
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n]", " ");
    }
}
