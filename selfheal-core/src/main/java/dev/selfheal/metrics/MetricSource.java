package dev.selfheal.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Where measurements come from: in-process Micrometer meters, the JVM and the OS, a Prometheus
 * server. {@link #collect} is called once per monitoring cycle and returns what it could read;
 * a source that cannot read one figure leaves it out (and says why in its log), and a source
 * that throws costs the cycle only that source's figures.
 */
public interface MetricSource {

    /** A short name for logs, e.g. {@code micrometer} or {@code prometheus}. */
    String name();

    List<Measurement> collect(Instant now);
}
