package dev.selfheal.server.daemon;

import dev.selfheal.prediction.Resource;
import dev.selfheal.prediction.ResourceGauge;
import dev.selfheal.prediction.ResourceKind;
import dev.selfheal.prediction.gauges.DirectorySizeGauge;
import dev.selfheal.prediction.gauges.DiskSpaceGauge;
import dev.selfheal.prediction.gauges.JvmHeapGauge;
import dev.selfheal.prediction.gauges.OpenFilesGauge;
import dev.selfheal.server.config.PredictionConfig;
import java.net.http.HttpClient;
import java.util.List;

/** The gauges for {@code performance.resources}. */
final class PredictionGauges {

    private PredictionGauges() {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).build();

    static List<ResourceGauge> of(PredictionConfig config) {
        return config.resources().stream().map(r -> gauge(r, config.interval())).toList();
    }

    private static ResourceGauge gauge(PredictionConfig.ResourceSpec r, java.time.Duration interval) {
        return switch (r.kind()) {
            case HEAP -> new JvmHeapGauge(r.component());
            case DISK -> new DiskSpaceGauge(r.component(), r.path().orElseThrow());
            case DIRECTORY -> new DirectorySizeGauge(r.component(), r.path().orElseThrow(), r.limit().orElseThrow());
            case OPEN_FILES -> new OpenFilesGauge(r.component());
            case HTTP_JSON -> httpJson(r.component(), r.endpoint().orElseThrow(), interval);
        };
    }

    /** One HTTP client for every {@code http-json} resource; an answer older than three intervals is not read. */
    private static ResourceGauge httpJson(String component, PredictionConfig.Endpoint e, java.time.Duration interval) {
        java.time.Duration timeout = interval.compareTo(java.time.Duration.ofSeconds(2)) < 0 ? java.time.Duration.ofSeconds(2) : interval;
        return new HttpJsonGauge(new Resource(component, e.resource()), ResourceKind.ofKey(e.as()).orElseThrow(), e.url(), e.used(), e.limit(),
                e.limitValue(), timeout, interval.multipliedBy(3), HTTP);
    }
}
