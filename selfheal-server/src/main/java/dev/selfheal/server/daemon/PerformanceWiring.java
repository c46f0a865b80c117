package dev.selfheal.server.daemon;

import dev.selfheal.prediction.ExhaustionPredictor;
import dev.selfheal.prediction.ForecastSelector;
import dev.selfheal.prediction.PredictionSettings;
import dev.selfheal.server.config.PredictionConfig;
import dev.selfheal.incident.ProblemReporter;
import dev.selfheal.metrics.AnomalyWatch;
import dev.selfheal.metrics.JvmAndOsSource;
import dev.selfheal.metrics.MetricSource;
import dev.selfheal.metrics.PerformanceMonitor;
import dev.selfheal.metrics.ScoreHistory;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.server.config.PerformanceConfig;
import dev.selfheal.server.metrics.PrometheusQuerySource;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The performance monitor inside the daemon, built from {@code performance:}: its sources (this
 * JVM and host, Prometheus queries), its limits, anomaly detection (with the recent scores of
 * every series kept for the console), the exhaustion predictor over {@code performance.resources}, problems to the healing loop, and a cycle on the daemon's scheduler. A cycle that throws is logged and the next one
 * still runs.
 */
public final class PerformanceWiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PerformanceWiring.class);

    private final PerformanceConfig config;
    /** Points kept per series for the console: 30 hours at the default five-minute resolution. */
    static final int HISTORY_POINTS = 360;
    /** Series kept for the console: with {@link #HISTORY_POINTS}, a few tens of MB at most. */
    static final int HISTORY_SERIES = 1_000;

    private final PerformanceMonitor monitor;
    private final Optional<ScoreHistory> scores;
    private final Scheduler scheduler;
    private final Optional<ExhaustionPredictor> predictor;
    private volatile Cancellable next;
    private volatile boolean closed;

    private PerformanceWiring(PerformanceConfig config, PerformanceMonitor monitor, Optional<ScoreHistory> scores, Scheduler scheduler,
                              Optional<ExhaustionPredictor> predictor) {
        this.config = config;
        this.predictor = predictor;
        this.monitor = monitor;
        this.scores = scores;
        this.scheduler = scheduler;
    }

    /** The wiring for this config, or empty when the section is absent or disabled. */
    public static Optional<PerformanceWiring> create(PerformanceConfig config, ProblemReporter problems, GuardRegistry guards,
                                                     Scheduler scheduler) {
        return create(config, problems, guards, scheduler, dev.selfheal.metrics.LearnedLimits.NONE);
    }

    /** With limits learned from normal behaviour where {@code learned} has them. */
    public static Optional<PerformanceWiring> create(PerformanceConfig config, ProblemReporter problems, GuardRegistry guards,
                                                     Scheduler scheduler, dev.selfheal.metrics.LearnedLimits learned) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        List<MetricSource> sources = new ArrayList<>();
        config.jvm().ifPresent(component -> sources.add(JvmAndOsSource.platform(component)));
        config.prometheus().ifPresent(p -> sources.add(new PrometheusQuerySource(p.url(), p.timeout(),
                p.guard().map(guards::guard),
                p.queries().stream().map(q -> new PrometheusQuerySource.Query(q.component(), q.kind(), q.promql())).toList())));
        PerformanceConfig.Anomaly a = config.anomaly();
        Optional<ScoreHistory> scores = a.enabled()
                ? Optional.of(new ScoreHistory(HISTORY_POINTS, Math.min(a.maxSeries(), HISTORY_SERIES)))
                : Optional.empty();
        Optional<AnomalyWatch> watch = scores.map(history ->
                new AnomalyWatch(a.detector(), a.zone(), a.resolution(), a.minScore(), a.minConfidence(), a.maxSeries(), history));
        PerformanceMonitor monitor = new PerformanceMonitor(sources, config.thresholds(), problems, scheduler.clock(), watch, learned);
        PredictionConfig pc = config.prediction();
        Optional<ExhaustionPredictor> predictor = pc.enabled()
                ? Optional.of(new ExhaustionPredictor(PredictionGauges.of(pc), ForecastSelector.standard(),
                        PredictionSettings.defaults().withInterval(pc.interval()).withHorizon(pc.horizon())
                                .withMinConfidence(pc.minConfidence()).withMinReadings(pc.minReadings())
                                .withPersistence(pc.persistence()).withRecentWindow(pc.recentWindow()), problems, scheduler))
                : Optional.empty();
        return Optional.of(new PerformanceWiring(config, monitor, scores, scheduler, predictor));
    }

    public PerformanceWiring start() {
        next = scheduler.schedule(config.interval(), this::cycle);
        predictor.ifPresent(ExhaustionPredictor::start);
        return this;
    }

    private void cycle() {
        if (closed) {
            return;
        }
        try {
            monitor.assess();
        } catch (RuntimeException e) {
            log.warn("event=performance_cycle_failed error=\"{}\"", e.toString());
        } finally {
            if (!closed) {
                next = scheduler.schedule(config.interval(), this::cycle);
            }
        }
    }

    /** The exhaustion predictor ({@code performance.resources}), when resources are listed. */
    public Optional<ExhaustionPredictor> predictor() {
        return predictor;
    }

    public PerformanceMonitor monitor() {
        return monitor;
    }

    /** The recent (time, value, score) of every series, when anomaly detection runs. */
    public Optional<ScoreHistory> scores() {
        return scores;
    }

    public PerformanceConfig config() {
        return config;
    }

    @Override
    public void close() {
        closed = true;
        predictor.ifPresent(ExhaustionPredictor::close);
        Cancellable n = next;
        if (n != null) {
            n.cancel();
        }
    }
}
