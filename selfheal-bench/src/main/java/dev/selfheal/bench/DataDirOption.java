package dev.selfheal.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where a bench writes its config, database and logs. Use it with {@code @Mixin DataDirOption dataDir;}. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the run's config, database and logs go (default: a new temporary directory).")
    Path dir;

    /** The directory given, or a new temporary one named after {@code bench}. */
    public Path orNewTemporary(String bench) {
        if (dir != null) {
            return dir;
        }
        try {
            return Files.createTempDirectory("selfheal-bench-" + bench + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for bench " + bench, e);
        }
    }
}
