package dev.selfheal.prediction.gauges;

import dev.selfheal.prediction.Resource;
import dev.selfheal.prediction.ResourceGauge;
import dev.selfheal.prediction.ResourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bytes of the regular files under a directory against a quota of its own: a spool, a log
 * or an upload directory that its owner refuses to grow past (or that shares a disk others
 * need). Walks the tree each reading, so it suits directories of thousands of files, not millions.
 */
public final class DirectorySizeGauge implements ResourceGauge {

    private final Resource resource;
    private final Path directory;
    private final long limitBytes;

    public DirectorySizeGauge(String component, Path directory, long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("size limit of " + directory + " must be positive, got " + limitBytes);
        }
        this.resource = new Resource(component, "dir:" + directory);
        this.directory = directory;
        this.limitBytes = limitBytes;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.DISK;
    }

    @Override
    public Resource resource() {
        return resource;
    }

    @Override
    public Optional<Reading> read(Instant now) {
        try (Stream<Path> files = Files.walk(directory)) {
            long bytes = files.mapToLong(DirectorySizeGauge::sizeOf).sum();
            return Optional.of(Reading.of(bytes, limitBytes));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot measure directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException vanished) {
            return 0; // deleted between the listing and the size: it no longer counts
        }
    }
}
