package dev.selfheal.server.config;

import dev.selfheal.prediction.ResourceKind;
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
 *   prediction: { interval: 10s, horizon: 30m, min-confidence: 0.95, min-readings: 36, persistence: 2m, recent-window: 1h }
 *   resources:
 *     - { component: selfheal, kind: heap }
 *     - { component: worker, kind: disk, path: /var/spool/worker }
 *     - { component: worker, kind: directory, path: /var/spool/worker, limit-bytes: 2000000000 }
 *     - { component: selfheal, kind: open-files }
 *     - { component: github, kind: http-json, url: "http://127.0.0.1:8101/_admin/stats",
 *         used: heap_used_bytes, limit: heap_max_bytes, resource: heap, as: memory }
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
        Duration recentWindow = p.duration("recent-window", d.recentWindow(), Duration.ofSeconds(1));
        p.rejectUnknownKeys();
        List<PredictionConfig.ResourceSpec> resources = new ArrayList<>();
        for (MappingReader r : performance.mappings("resources")) {
            Optional<String> component = r.requiredText("component");
            Optional<String> kindKey = r.requiredText("kind");
            Optional<PredictionConfig.Kind> kind = kindKey.flatMap(PredictionConfig.Kind::ofKey);
            if (kindKey.isPresent() && kind.isEmpty()) {
                r.problem("kind", "unknown resource kind '%s'; known: heap, disk, directory, open-files, http-json".formatted(kindKey.get()));
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
            Optional<PredictionConfig.Endpoint> endpoint = kind.filter(k -> k == PredictionConfig.Kind.HTTP_JSON)
                    .flatMap(k -> endpoint(r));
            r.rejectUnknownKeys();
            if (component.isPresent() && kind.isPresent() && (kind.get() != PredictionConfig.Kind.HTTP_JSON || endpoint.isPresent())) {
                resources.add(new PredictionConfig.ResourceSpec(component.get(), kind.get(), path, limit, endpoint));
            }
        }
        return new PredictionConfig(enabled && !resources.isEmpty(), interval, horizon, minConfidence, minReadings, persistence, recentWindow, resources);
    }

    /** The keys of an {@code http-json} resource: url, used, limit or limit-value, resource, as. */
    private static Optional<PredictionConfig.Endpoint> endpoint(MappingReader r) {
        Optional<java.net.URI> url = r.requiredHttpUrl("url");
        Optional<String> used = r.requiredText("used");
        Optional<String> limitField = r.text("limit");
        java.util.OptionalDouble limitValue = r.has("limit-value")
                ? java.util.OptionalDouble.of(r.decimal("limit-value", 1, Double.MIN_VALUE, 1e18))
                : java.util.OptionalDouble.empty();
        if (limitField.isPresent() == limitValue.isPresent()) {
            r.problemHere("an http-json resource needs exactly one of 'limit' (the field holding the limit) and 'limit-value' (a fixed limit)");
        }
        String as = r.text("as", ResourceKind.OTHER.key());
        boolean knownAs = ResourceKind.ofKey(as).isPresent();
        if (!knownAs) {
            r.problem("as", "unknown '%s'; known: %s".formatted(as,
                    java.util.Arrays.stream(ResourceKind.values()).map(ResourceKind::key).collect(java.util.stream.Collectors.joining(", "))));
        }
        String resource = r.text("resource", used.orElse("value"));
        if (url.isEmpty() || used.isEmpty() || limitField.isPresent() == limitValue.isPresent() || !knownAs) {
            return Optional.empty();
        }
        return Optional.of(new PredictionConfig.Endpoint(url.get(), used.get(), limitField, limitValue, resource, as));
    }
}
