package dev.selfheal.prediction.gauges;

import dev.selfheal.prediction.Resource;
import dev.selfheal.prediction.ResourceGauge;
import dev.selfheal.prediction.ResourceKind;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Optional;

/** This process's open file descriptors against its limit (Unix JVMs only; empty elsewhere). */
public final class OpenFilesGauge implements ResourceGauge {

    private final Resource resource;

    public OpenFilesGauge(String component) {
        this.resource = new Resource(component, "open-files");
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.FILES;
    }

    @Override
    public Resource resource() {
        return resource;
    }

    @Override
    public Optional<Reading> read(Instant now) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                && unix.getMaxFileDescriptorCount() > 0) {
            return Optional.of(Reading.of(unix.getOpenFileDescriptorCount(), unix.getMaxFileDescriptorCount()));
        }
        return Optional.empty();
    }
}
