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
 * @param recentWindow  how much full-resolution history the trend forecasters fit (default 1 h); a fast leak
 *                      in a short horizon is seen sooner in a short window
 * @param resources     the resources
 */
public record PredictionConfig(boolean enabled, Duration interval, Duration horizon, double minConfidence, int minReadings,
                               Duration persistence, Duration recentWindow, List<ResourceSpec> resources) {

    public PredictionConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(recentWindow, "recentWindow");
        resources = List.copyOf(resources);
    }

    public static PredictionConfig none() {
        return new PredictionConfig(false, Duration.ofSeconds(10), Duration.ofMinutes(30), 0.95, 36, Duration.ofMinutes(2), Duration.ofHours(1), List.of());
    }

    /**
     * What a resource kind means: {@code heap} of this daemon, {@code disk} holding a path, a
     * {@code directory}'s size, {@code open-files}, or two numbers another process reports as JSON
     * over HTTP ({@code http-json}).
     */
    public enum Kind {
        HEAP("heap"), DISK("disk"), DIRECTORY("directory"), OPEN_FILES("open-files"), HTTP_JSON("http-json");

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
     * @param endpoint  where and what, for {@code http-json}
     */
    public record ResourceSpec(String component, Kind kind, Optional<Path> path, OptionalLong limit, Optional<Endpoint> endpoint) {
        public ResourceSpec {
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(endpoint, "endpoint");
        }

        public ResourceSpec(String component, Kind kind, Optional<Path> path, OptionalLong limit) {
            this(component, kind, path, limit, Optional.empty());
        }
    }

    /**
     * An {@code http-json} resource: {@code GET url} answers a JSON object whose {@code used} field
     * is the usage and whose {@code limit} field (or the fixed {@code limitValue}) is the limit.
     *
     * @param url        the URL, read every prediction interval, never waited on by the cycle
     * @param used       the field holding the usage
     * @param limit      the field holding the limit, or empty with a fixed {@code limitValue}
     * @param limitValue the fixed limit, or empty with a {@code limit} field
     * @param resource   the resource's name in forecasts and incidents (default: the {@code used} field)
     * @param as         what runs out, which picks the preventive actions: memory, disk, quota, queue, pool, files or other
     */
    public record Endpoint(java.net.URI url, String used, Optional<String> limit, java.util.OptionalDouble limitValue,
                           String resource, String as) {
        public Endpoint {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(used, "used");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(limitValue, "limitValue");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(as, "as");
        }

    }
}
