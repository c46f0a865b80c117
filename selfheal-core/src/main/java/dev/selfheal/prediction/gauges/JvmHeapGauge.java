package dev.selfheal.prediction.gauges;

import dev.selfheal.prediction.Resource;
import dev.selfheal.prediction.ResourceGauge;
import dev.selfheal.prediction.ResourceKind;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.Optional;

/** This JVM's heap in use against its maximum ({@code -Xmx}); empty when the maximum is undefined. */
public final class JvmHeapGauge implements ResourceGauge {

    private final Resource resource;

    public JvmHeapGauge(String component) {
        this.resource = new Resource(component, "heap");
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
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getMax() > 0 ? Optional.of(Reading.of(heap.getUsed(), heap.getMax())) : Optional.empty();
    }
}
