package dev.selfheal.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Drains a child's output and keeps only its last bytes, so a chatty command cannot fill memory
 * and a full pipe cannot block the command. Written by one reader thread, read after it ends.
 */
public final class OutputTail {

    public static final int KEPT_BYTES = 8 * 1024;
    static final int MAX_LINE_CHARS = 200;

    private final byte[] ring = new byte[KEPT_BYTES];
    private long total;

    /** Reads until end of stream (the child and everything holding its pipe have exited). */
    public void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            append(buffer, read);
        }
    }

    synchronized void append(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (total++ % KEPT_BYTES)] = buffer[i];
        }
    }

    public synchronized String text() {
        int kept = (int) Math.min(total, KEPT_BYTES);
        byte[] ordered = new byte[kept];
        long start = total - kept;
        for (int i = 0; i < kept; i++) {
            ordered[i] = ring[(int) ((start + i) % KEPT_BYTES)];
        }
        return new String(ordered, StandardCharsets.UTF_8);
    }

    /** The last line with something on it, cut to {@value #MAX_LINE_CHARS} characters. */
    public Optional<String> lastNonEmptyLine() {
        return lastNonEmptyLine(text());
    }

    static Optional<String> lastNonEmptyLine(String text) {
        String[] lines = text.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                return Optional.of(line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + "...");
            }
        }
        return Optional.empty();
    }
}
