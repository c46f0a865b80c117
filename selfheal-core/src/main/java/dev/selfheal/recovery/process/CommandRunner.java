package dev.selfheal.recovery.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link CommandSpec}: no shell, output captured (the last {@value #KEEP_BYTES} bytes),
 * the whole process tree killed when the timeout passes or the calling thread is interrupted
 * (which is what the engine does when a step outlives its own timeout).
 */
public final class CommandRunner {

    static final int KEEP_BYTES = 4096;

    private CommandRunner() { }

    public static CommandOutcome run(CommandSpec spec) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(spec.argv()).redirectErrorStream(true);
        builder.environment().putAll(spec.environment());
        spec.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start %s: %s".formatted(spec.argv().getFirst(), e.getMessage()), e);
        }
        process.getOutputStream().close();
        TailBuffer tail = new TailBuffer(KEEP_BYTES);
        Thread reader = Thread.ofVirtual().name("command-output-" + process.pid()).start(() -> tail.drain(process.getInputStream()));
        boolean finished;
        try {
            finished = process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            ProcessTrees.killTree(process.toHandle());
            throw e;
        }
        if (!finished) {
            ProcessTrees.killTree(process.toHandle());
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(Duration.ofSeconds(2));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new CommandOutcome(finished ? process.exitValue() : -1, tail.text(), !finished, process.pid(), took);
    }

    /** Keeps the last {@code capacity} bytes of a stream. */
    private static final class TailBuffer {
        private final byte[] ring;
        private long written;

        TailBuffer(int capacity) {
            ring = new byte[capacity];
        }

        void drain(InputStream in) {
            byte[] buffer = new byte[1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    append(buffer, n);
                }
            } catch (IOException ignored) {
                // the process was killed: keep what was read
            }
        }

        private synchronized void append(byte[] bytes, int n) {
            for (int i = 0; i < n; i++) {
                ring[(int) (written++ % ring.length)] = bytes[i];
            }
        }

        synchronized String text() {
            int size = (int) Math.min(written, ring.length);
            byte[] out = new byte[size];
            long first = written - size;
            for (int i = 0; i < size; i++) {
                out[i] = ring[(int) ((first + i) % ring.length)];
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        }
    }
}
