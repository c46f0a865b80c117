package dev.selfheal.process;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of children's ledgers, one per daemon run, that works whatever the store: the
 * daemon that starts ends what every <em>dead</em> daemon of the directory left running, and
 * never touches a live one's children.
 *
 * <p>Each run writes {@code daemon-PID-START-N.ledger} (a {@link FileChildLedger}) and holds an
 * exclusive lock on {@code daemon-PID-START-N.lock} for as long as it runs. The kernel drops the
 * lock when the process dies, {@code kill -9} included, so "the lock can be taken" is exactly "its
 * daemon is dead": no pid, start time or key has to be trusted to tell a dead daemon from a live
 * one. Two daemons that share a directory (the same derived key, as tests with {@code port: 0}
 * and the same store do) therefore leave each other alone while both live. A daemon that stops
 * cleanly has ended its children and deletes both files. Locks held by this JVM (several daemons
 * in one test JVM) are known without opening their files: closing any descriptor of a locked file
 * would drop this JVM's lock on it.
 */
public final class ChildLedgerDirectory implements ChildLedger, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildLedgerDirectory.class);
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
    private static final AtomicLong RUNS = new AtomicLong();
    private static final String LOCK = ".lock";
    private static final String LEDGER = ".ledger";

    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileChildLedger ledger;

    private ChildLedgerDirectory(Path lockFile, FileChannel lockChannel, FileChildLedger ledger) {
        this.lockFile = lockFile;
        this.lockChannel = lockChannel;
        this.ledger = ledger;
    }

    /**
     * Takes this run's lock in {@code dir}, ends what the dead daemons' ledgers there (and the
     * {@code legacy} single-file ledgers, of daemons from before this directory) list as running,
     * and starts this run's ledger.
     *
     * @throws IOException when the directory or this run's lock cannot be made (the caller goes on
     *                     without a ledger: the death signal still applies)
     */
    public static ChildLedgerDirectory open(Path dir, List<Path> legacy, Duration grace) throws IOException {
        Files.createDirectories(dir);
        ProcessHandle self = ProcessHandle.current();
        String base = "daemon-%d-%d-%d".formatted(self.pid(),
                self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L), RUNS.incrementAndGet());
        Path lockFile = dir.resolve(base + LOCK).toAbsolutePath().normalize();
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                throw new IOException("cannot lock " + lockFile);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        HELD_HERE.add(lockFile);

        List<FileChildLedger.Entry> leftovers = new ArrayList<>();
        List<Path> spent = new ArrayList<>();
        for (String dead : deadRuns(dir)) {
            Path ledgerFile = dir.resolve(dead + LEDGER);
            leftovers.addAll(FileChildLedger.read(ledgerFile));
            spent.add(ledgerFile);
        }
        for (Path file : legacy) {
            if (Files.isRegularFile(file)) {
                leftovers.addAll(FileChildLedger.read(file));
                spent.add(file);
            }
        }
        List<FileChildLedger.Entry> ended = LeftoverChildren.end(leftovers, grace);
        if (!ended.isEmpty()) {
            log.warn("event=leftover_children_ended count={} what={} pids={}", ended.size(), ended.stream().map(FileChildLedger.Entry::what).toList(),
                    ended.stream().map(FileChildLedger.Entry::pid).toList());
        }
        for (Path file : spent) {
            Files.deleteIfExists(file);
        }
        return new ChildLedgerDirectory(lockFile, channel, FileChildLedger.open(dir.resolve(base + LEDGER), grace));
    }

    /** This run's ledger file. */
    public Path file() {
        return ledger.file();
    }

    /** Writes that failed since the ledger was opened. */
    public long failures() {
        return ledger.failures();
    }

    @Override
    public void started(ChildProcesses.Child child) {
        ledger.started(child);
    }

    @Override
    public void ended(ChildProcesses.Child child) {
        ledger.ended(child);
    }

    /** Deletes this run's ledger and lock: call once every child has been ended. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(ledger.file());
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            log.warn("event=child_ledger_not_removed file={} error=\"{}\"", ledger.file(), e.toString());
        } finally {
            abandon();
        }
    }

    /** Lets go of this run's lock and keeps its ledger, so that the next daemon ends what it lists. */
    public void abandon() {
        HELD_HERE.remove(lockFile);
        try {
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the channel either way
        }
    }

    /**
     * The runs of {@code dir} whose daemon is dead: a lock no process holds, or a ledger without
     * its lock (a daemon killed while it stopped, or one whose dead lock another starting daemon
     * took first: both then end the same leftovers, which is harmless).
     */
    private static List<String> deadRuns(Path dir) throws IOException {
        Set<String> runs = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("daemon-"))
                    .filter(n -> n.endsWith(LOCK) || n.endsWith(LEDGER))
                    .forEach(n -> runs.add(n.substring(0, n.lastIndexOf('.'))));
        }
        List<String> dead = new ArrayList<>();
        for (String run : runs) {
            Path lockFile = dir.resolve(run + LOCK).toAbsolutePath().normalize();
            if (HELD_HERE.contains(lockFile)) {
                continue;
            }
            if (!Files.exists(lockFile)) {
                dead.add(run);
                continue;
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    dead.add(run);
                    Files.deleteIfExists(lockFile);
                }
            } catch (OverlappingFileLockException e) {
                // held in this JVM after all
            } catch (IOException e) {
                log.warn("event=child_ledger_lock_unreadable file={} error=\"{}\"", lockFile, e.toString());
            }
        }
        return dead;
    }
}
