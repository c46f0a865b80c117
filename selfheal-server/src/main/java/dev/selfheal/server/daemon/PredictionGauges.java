package dev.selfheal.server.daemon;

import dev.selfheal.prediction.ResourceGauge;
import dev.selfheal.prediction.gauges.DirectorySizeGauge;
import dev.selfheal.prediction.gauges.DiskSpaceGauge;
import dev.selfheal.prediction.gauges.JvmHeapGauge;
import dev.selfheal.prediction.gauges.OpenFilesGauge;
import dev.selfheal.server.config.PredictionConfig;
import java.util.List;

/** The gauges for {@code performance.resources}. */
final class PredictionGauges {

    private PredictionGauges() {
    }

    static List<ResourceGauge> of(PredictionConfig config) {
        return config.resources().stream().map(PredictionGauges::gauge).toList();
    }

    private static ResourceGauge gauge(PredictionConfig.ResourceSpec r) {
        return switch (r.kind()) {
            case HEAP -> new JvmHeapGauge(r.component());
            case DISK -> new DiskSpaceGauge(r.component(), r.path().orElseThrow());
            case DIRECTORY -> new DirectorySizeGauge(r.component(), r.path().orElseThrow(), r.limit().orElseThrow());
            case OPEN_FILES -> new OpenFilesGauge(r.component());
        };
    }
}
