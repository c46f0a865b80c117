package dev.selfheal.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options the daemon runs with ({@code daemon-jvm.options} next to this class). The
 * launcher reads the same file for {@code selfheal run}, and {@code bench storm} starts its daemon
 * with them, so that what is measured is what users run.
 */
public final class DaemonJvmOptions {

    static final String RESOURCE = "daemon-jvm.options";

    private DaemonJvmOptions() { }

    /** The options, in order, comments and blank lines left out. */
    public static List<String> load() {
        try (InputStream in = DaemonJvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " next to " + DaemonJvmOptions.class.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static List<String> parse(String text) {
        return text.lines()
                .map(line -> line.contains("#") ? line.substring(0, line.indexOf('#')) : line)
                .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                .filter(option -> !option.isEmpty())
                .toList();
    }
}
