package dev.selfheal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every child process this JVM started through selfheal and that is still running: a check's
 * command, an action's command, a supervised service. Three things keep them from outliving the
 * daemon:
 *
 * <ul>
 *   <li>On Linux each child is started under {@code setpriv --pdeathsig KILL}, so the kernel kills
 *       it when the daemon dies, even by {@code kill -9}. The death signal follows the thread that
 *       started the child, not the process, so every child is started from one platform thread
 *       that lives as long as the JVM (a pooled or virtual thread's carrier may end any time).</li>
 *   <li>{@link #endAll} ends every child that is still running; the daemon calls it when it stops.</li>
 *   <li>A {@link ChildLedger} records each child durably (pid, start time, command), so that the
 *       next daemon can end what a platform without a death signal left behind, and what a child
 *       started (the death signal reaches the child alone): each child leads a process group of
 *       its own ({@code setsid}), which the next daemon ends whole ({@link FileChildLedger}).</li>
 * </ul>
 */
public final class ChildProcesses {

    private static final Logger log = LoggerFactory.getLogger(ChildProcesses.class);

    /** A child that is running: pid and start time together name it (a pid alone is reused). */
    public record Child(long pid, Instant startedAt, String command, String what) { }

    /** System property: {@code false} starts children without the death signal. */
    public static final String DEATH_SIGNAL_PROPERTY = "selfheal.process.death-signal";

    private static final Map<Long, Child> RUNNING = new ConcurrentHashMap<>();
    private static final List<String> DEATH_SIGNAL = deathSignalPrefix();
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "selfheal-child-spawner");
        t.setDaemon(true);
        return t;
    });
    private static volatile ChildLedger ledger = ChildLedger.NONE;

    private ChildProcesses() { }

    /** Where each child is recorded from now on; children already running are recorded at once. */
    public static synchronized void recordIn(ChildLedger value) {
        ledger = value;
        RUNNING.values().forEach(value::started);
    }

    /**
     * Starts the builder's command as a child that dies with this JVM where the platform allows.
     *
     * @param what what the child is for, for logs ("check backup", "service web")
     * @throws IOException when the program cannot be found or started, naming it
     */
    public static Process start(ProcessBuilder builder, String what) throws IOException {
        List<String> argv = List.copyOf(builder.command());
        if (!DEATH_SIGNAL.isEmpty()) {
            requireRunnable(argv.getFirst(), builder);
            List<String> wrapped = new ArrayList<>(DEATH_SIGNAL);
            wrapped.addAll(argv);
            builder.command(wrapped);
        }
        Process process;
        try {
            process = spawn(builder);
        } finally {
            builder.command(argv);
        }
        Child child = new Child(process.pid(), process.toHandle().info().startInstant().orElse(Instant.EPOCH),
                String.join(" ", argv), what);
        RUNNING.put(child.pid(), child);
        ledger.started(child);
        process.onExit().thenRun(() -> {
            RUNNING.remove(child.pid(), child);
            ledger.ended(child);
        });
        return process;
    }

    /** Stops recording in {@code value} when it is the ledger in use (a daemon that stops leaves another's alone). */
    public static synchronized void stopRecordingIn(ChildLedger value) {
        if (ledger == value) {
            ledger = ChildLedger.NONE;
        }
    }

    /** The children running now. */
    public static List<Child> running() {
        return List.copyOf(RUNNING.values());
    }

    /**
     * Ends every running child with its tree, all at once: SIGTERM, up to {@code grace}, SIGKILL.
     *
     * @return how many children were still running
     */
    public static int endAll(Duration grace) {
        List<Child> children = running();
        List<ProcessHandle> handles = new ArrayList<>();
        for (Child child : children) {
            ProcessHandle.of(child.pid()).filter(h -> sameStart(h, child)).ifPresent(handles::add);
        }
        ProcessTree.endAll(handles, grace, "end-child");
        if (!children.isEmpty()) {
            log.info("event=children_ended count={} what={}", children.size(), children.stream().map(Child::what).toList());
        }
        return children.size();
    }

    /** Whether the handle is still the child that was recorded, not a later process given the same pid. */
    static boolean sameStart(ProcessHandle handle, Child child) {
        return handle.info().startInstant().map(s -> Math.abs(s.toEpochMilli() - child.startedAt().toEpochMilli()) < 1000)
                .orElse(false);
    }

    private static Process spawn(ProcessBuilder builder) throws IOException {
        Future<Process> started = SPAWNER.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the child is being started: wait, or it would run unknown to us
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The checks {@code ProcessBuilder.start} would make, made before the command is wrapped, so
     * that a missing program is still an {@link IOException} naming it rather than exit code 127.
     */
    private static void requireRunnable(String program, ProcessBuilder builder) throws IOException {
        if (program.contains("/")) {
            Path path = Path.of(program);
            if (!path.isAbsolute() && builder.directory() != null) {
                path = builder.directory().toPath().resolve(path);
            }
            if (!Files.isExecutable(path) || Files.isDirectory(path)) {
                throw new IOException("Cannot run program \"%s\": error=2, No such file or directory".formatted(program));
            }
            return;
        }
        String searchPath = builder.environment().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : searchPath.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return;
            }
        }
        throw new IOException("Cannot run program \"%s\": error=2, No such file or directory".formatted(program));
    }

    /**
     * {@code setpriv --pdeathsig KILL -- setsid --}: the death signal, then a process group of the
     * child's own (its id the child's pid), so that what the child starts can be found by the
     * ledger once the child is gone. {@value #DEATH_SIGNAL_PROPERTY}{@code =false} leaves the death
     * signal out (to test that the ledger alone ends what a killed daemon left).
     */
    private static List<String> deathSignalPrefix() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return List.of();
        }
        List<String> prefix = new ArrayList<>();
        if (Boolean.parseBoolean(System.getProperty(DEATH_SIGNAL_PROPERTY, "true"))) {
            executable("setpriv").ifPresentOrElse(setpriv -> prefix.addAll(List.of(setpriv, "--pdeathsig", "KILL", "--")),
                    () -> log.warn("event=no_death_signal reason=\"setpriv not found: children outlive a killed daemon until the next start ends them\""));
        }
        executable("setsid").ifPresentOrElse(setsid -> prefix.addAll(List.of(setsid, "--")),
                () -> log.warn("event=no_process_group reason=\"setsid not found: what a child starts is not found after a killed daemon\""));
        return List.copyOf(prefix);
    }

    private static java.util.Optional<String> executable(String name) {
        return java.util.stream.Stream.of("/usr/bin/" + name, "/bin/" + name).filter(c -> Files.isExecutable(Path.of(c))).findFirst();
    }
}
