package dev.selfheal.prediction.gauges;

import dev.selfheal.prediction.Resource;
import dev.selfheal.prediction.ResourceGauge;
import dev.selfheal.prediction.ResourceKind;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** The file system holding a path: bytes used (total minus usable) against its total. */
public final class DiskSpaceGauge implements ResourceGauge {

    private final Resource resource;
    private final Path path;

    public DiskSpaceGauge(String component, Path path) {
        this.resource = new Resource(component, "disk:" + path);
        this.path = path;
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
        try {
            FileStore store = Files.getFileStore(path);
            long total = store.getTotalSpace();
            return total > 0 ? Optional.of(Reading.of(total - store.getUsableSpace(), total)) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the file system of " + path + ": " + e.getMessage(), e);
        }
    }
}
