package dev.selfheal.health.checks;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free space on the file system holding a path. "Free" is what this process may use
 * ({@link FileStore#getUsableSpace()}), not the blocks reserved for root, since that is what
 * runs out first for the service being watched.
 */
public final class DiskCheck implements HealthCheck {

    /**
     * Ratios in [0, 1]; free space below a threshold reaches its status.
     *
     * @param path               any path on the file system to watch
     * @param freeRatioDegraded  free / total below this is DEGRADED (default 0.10)
     * @param freeRatioUnhealthy ... UNHEALTHY (default 0.05)
     */
    public record Settings(Path path, double freeRatioDegraded, double freeRatioUnhealthy) {

        public static final double DEFAULT_FREE_RATIO_DEGRADED = 0.10;
        public static final double DEFAULT_FREE_RATIO_UNHEALTHY = 0.05;

        public Settings {
            Require.nonNull(path, "path");
            Require.freeThresholds(freeRatioDegraded, "free-ratio-degraded", freeRatioUnhealthy, "free-ratio-unhealthy");
        }

        public static Settings defaults(Path path) {
            return new Settings(path, DEFAULT_FREE_RATIO_DEGRADED, DEFAULT_FREE_RATIO_UNHEALTHY);
        }
    }

    private final Settings settings;

    public DiskCheck(Settings settings) {
        this.settings = Require.nonNull(settings, "settings");
    }

    @Override
    public HealthCheckResult check() {
        Path path = settings.path();
        long free;
        long total;
        try {
            FileStore store = Files.getFileStore(path);
            free = store.getUsableSpace();
            total = store.getTotalSpace();
        } catch (NoSuchFileException e) {
            return HealthCheckResult.unhealthy("path " + path + " does not exist");
        } catch (IOException e) {
            return HealthCheckResult.unhealthy("cannot read the file system of " + path + ": " + Reasons.of(e));
        }
        double freeRatio = total > 0 ? (double) free / total : 0.0;
        List<String> problems = new ArrayList<>();
        HealthStatus status = ThresholdStatus.below("free space on " + path, freeRatio,
                settings.freeRatioDegraded(), settings.freeRatioUnhealthy(), problems);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("free_bytes", free);
        details.put("total_bytes", total);
        details.put("free_ratio", freeRatio);
        String message = problems.isEmpty()
                ? ThresholdStatus.percent(freeRatio) + " free on " + path + " (" + free / (1024 * 1024) + " MiB)"
                : String.join("; ", problems);
        return HealthCheckResult.of(status, message, details);
    }

    @Override
    public String toString() {
        return "DiskCheck[" + settings.path() + "]";
    }
}
