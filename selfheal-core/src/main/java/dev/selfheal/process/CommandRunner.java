package dev.selfheal.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link CommandSpec}, the one way checks and actions run commands: no shell, no input
 * (stdin is closed, so a command waiting on it sees end of file at once), stdout and stderr
 * merged and drained while it runs with only the last {@value OutputTail#KEPT_BYTES} bytes kept.
 * A command that outlives its timeout, or whose caller is interrupted (what the engine does when
 * a step outlives its own timeout), is ended with everything it started: SIGTERM, then SIGKILL
 * after {@link #GRACE}, and the whole tree waited for. While it runs it is one of the
 * {@link ChildProcesses}, so a daemon that stops ends it too.
 */
public final class CommandRunner {

    /** How long a terminated command tree gets to exit before it is killed. */
    public static final Duration GRACE = Duration.ofSeconds(2);
    /** How long to wait for the output after exit; a background child may hold the pipe open forever. */
    static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);

    private CommandRunner() { }

    /**
     * @throws IOException          when the command cannot be started (the message names the program)
     * @throws InterruptedException when the caller is interrupted; the command's tree is ended first
     */
    public static CommandOutcome run(CommandSpec spec) throws IOException, InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted before running " + spec.argv().getFirst());
        }
        ProcessBuilder builder = new ProcessBuilder(spec.argv()).redirectErrorStream(true);
        builder.environment().putAll(spec.environment());
        spec.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        long start = System.nanoTime();
        Process process;
        try {
            process = ChildProcesses.start(builder, spec.argv().getFirst());
        } catch (IOException e) {
            throw new IOException("cannot start %s: %s".formatted(spec.argv().getFirst(), e.getMessage()), e);
        }
        process.getOutputStream().close();
        OutputTail tail = new OutputTail();
        Thread reader = Thread.ofVirtual().name("command-output-" + process.pid()).start(() -> drain(process, tail));
        boolean finished;
        try {
            finished = process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            ProcessTree.end(process.toHandle(), GRACE);
            throw e;
        }
        if (!finished) {
            ProcessTree.end(process.toHandle(), GRACE);
            process.waitFor(ProcessTree.REAP.toMillis(), TimeUnit.MILLISECONDS);
        }
        reader.join(OUTPUT_DRAIN);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new CommandOutcome(finished ? process.exitValue() : -1, tail, !finished, process.pid(), took);
    }

    private static void drain(Process process, OutputTail tail) {
        try (InputStream output = process.getInputStream()) {
            tail.drain(output);
        } catch (IOException | UncheckedIOException e) {
            // The stream closes under us when the process is destroyed; what was read is kept.
        }
    }
}
