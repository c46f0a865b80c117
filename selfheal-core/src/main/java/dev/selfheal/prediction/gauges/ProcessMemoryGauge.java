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
import java.util.function.Supplier;

/**
 * A process's resident memory ({@code VmRSS} in {@code /proc/<pid>/status}, Linux) against a
 * limit in bytes: the container's or cgroup's memory limit, or the size at which the OOM killer
 * or the process's own cap ends it. The pid is asked for on every reading, so that a supervised
 * process is followed across restarts; empty while there is no process.
 */
public final class ProcessMemoryGauge implements ResourceGauge {

    private final Resource resource;
    private final Supplier<Optional<Long>> pid;
    private final long limitBytes;
    private final Path proc;

    public ProcessMemoryGauge(String component, Supplier<Optional<Long>> pid, long limitBytes) {
        this(component, pid, limitBytes, Path.of("/proc"));
    }

    ProcessMemoryGauge(String component, Supplier<Optional<Long>> pid, long limitBytes, Path proc) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("memory limit of " + component + " must be positive, got " + limitBytes);
        }
        this.resource = new Resource(component, "memory");
        this.pid = pid;
        this.limitBytes = limitBytes;
        this.proc = proc;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.MEMORY;
    }

    @Override
    public Resource resource() {
        return resource;
    }

    @Override
    public Optional<Reading> read(Instant now) {
        Optional<Long> p = pid.get();
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(proc.resolve(Long.toString(p.get())).resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    return Optional.of(Reading.of(kb * 1024.0, limitBytes));
                }
            }
            return Optional.empty();
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of pid " + p.get(), e);
        }
    }
}
