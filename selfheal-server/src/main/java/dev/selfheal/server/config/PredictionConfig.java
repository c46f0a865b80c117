package dev.selfheal.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code performance.prediction} and {@code performance.resources}: the exhaustion predictor's
 * settings and the resources it forecasts. No resources: the predictor does not run.
 *
 * @param enabled       whether the predictor runs (default true when resources are listed)
 * @param interval      how often every resource is read (default 10 s)
 * @param horizon       a problem is raised when the limit is expected within this time (default 30 min)
 * @param minConfidence how sure the forecast must be (default 0.95)
 * @param minReadings   readings before a forecast is trusted (default 36)
 * @param persistence   how long the crossing must hold on every cycle before a warning (default a fifteenth of the horizon)
 * @param resources     the resources
 */
public record PredictionConfig(boolean enabled, Duration interval, Duration horizon, double minConfidence, int minReadings,
                               Duration persistence, List<ResourceSpec> resources) {

    public PredictionConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(persistence, "persistence");
        resources = List.copyOf(resources);
    }

    public static PredictionConfig none() {
        return new PredictionConfig(false, Duration.ofSeconds(10), Duration.ofMinutes(30), 0.95, 36, Duration.ofMinutes(2), List.of());
    }

    /** What a resource kind means: {@code heap} of this daemon, {@code disk} holding a path, a {@code directory}'s size, {@code open-files}. */
    public enum Kind {
        HEAP("heap"), DISK("disk"), DIRECTORY("directory"), OPEN_FILES("open-files");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Optional<Kind> ofKey(String key) {
            for (Kind k : values()) {
                if (k.key.equals(key)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @param component the component that fails when it runs out (a predicted problem's component)
     * @param kind      what is read
     * @param path      the path, for {@code disk} and {@code directory}
     * @param limit     bytes, for {@code directory}
     */
    public record ResourceSpec(String component, Kind kind, Optional<Path> path, OptionalLong limit) {
        public ResourceSpec {
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(limit, "limit");
        }
    }
}
