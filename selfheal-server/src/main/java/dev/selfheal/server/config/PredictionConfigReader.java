package dev.selfheal.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads {@code performance.prediction} and {@code performance.resources}.
 *
 * <pre>
 * performance:
 *   prediction: { interval: 10s, horizon: 30m, min-confidence: 0.95, min-readings: 36, persistence: 2m }
 *   resources:
 *     - { component: selfheal, kind: heap }
 *     - { component: worker, kind: disk, path: /var/spool/worker }
 *     - { component: worker, kind: directory, path: /var/spool/worker, limit-bytes: 2000000000 }
 *     - { component: selfheal, kind: open-files }
 * </pre>
 */
final class PredictionConfigReader {

    private PredictionConfigReader() {
    }

    static PredictionConfig read(MappingReader performance) {
        PredictionConfig d = PredictionConfig.none();
        MappingReader p = performance.section("prediction");
        boolean enabled = p.bool("enabled", true);
        Duration interval = p.duration("interval", d.interval(), Duration.ofMillis(10));
        Duration horizon = p.duration("horizon", d.horizon(), Duration.ofSeconds(1));
        double minConfidence = p.decimal("min-confidence", d.minConfidence(), 0, 1);
        int minReadings = p.integer("min-readings", d.minReadings(), 8, 100_000);
        // a fifteenth of the horizon unless said: 2 minutes of a 30-minute horizon, small against the lead it must leave
        Duration persistence = p.duration("persistence", horizon.dividedBy(15), Duration.ZERO);
        p.rejectUnknownKeys();
        List<PredictionConfig.ResourceSpec> resources = new ArrayList<>();
        for (MappingReader r : performance.mappings("resources")) {
            Optional<String> component = r.requiredText("component");
            Optional<String> kindKey = r.requiredText("kind");
            Optional<PredictionConfig.Kind> kind = kindKey.flatMap(PredictionConfig.Kind::ofKey);
            if (kindKey.isPresent() && kind.isEmpty()) {
                r.problem("kind", "unknown resource kind '%s'; known: heap, disk, directory, open-files".formatted(kindKey.get()));
            }
            Optional<Path> path = r.path("path");
            OptionalLong limit = OptionalLong.empty();
            if (r.has("limit-bytes")) {
                limit = OptionalLong.of((long) r.decimal("limit-bytes", 1, 1, 1e18));
            }
            if (kind.isPresent()) {
                boolean needsPath = kind.get() == PredictionConfig.Kind.DISK || kind.get() == PredictionConfig.Kind.DIRECTORY;
                if (needsPath && path.isEmpty()) {
                    r.missing("path");
                }
                if (kind.get() == PredictionConfig.Kind.DIRECTORY && limit.isEmpty()) {
                    r.missing("limit-bytes");
                }
            }
            r.rejectUnknownKeys();
            if (component.isPresent() && kind.isPresent()) {
                resources.add(new PredictionConfig.ResourceSpec(component.get(), kind.get(), path, limit));
            }
        }
        return new PredictionConfig(enabled && !resources.isEmpty(), interval, horizon, minConfidence, minReadings, persistence, resources);
    }
}
