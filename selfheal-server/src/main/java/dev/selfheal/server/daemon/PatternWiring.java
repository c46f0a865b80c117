package dev.selfheal.server.daemon;

import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.patterns.FailurePatternAnalyzer;
import dev.selfheal.patterns.PatternPersistence;
import dev.selfheal.patterns.PatternStore;
import dev.selfheal.server.config.Config;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcPatternStore;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failure pattern analysis in the daemon ({@code healing.patterns}): an analyzer over the
 * configured dependencies ({@code alerting.dependencies}, the graph alert inhibition uses),
 * restored from the pattern database at start and written back to it every few seconds.
 */
public final class PatternWiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PatternWiring.class);
    /** A report costs an analysis; the daemon's healing loop reads it on every problem. */
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Duration FLUSH = Duration.ofSeconds(2);
    private static final int MAX_PENDING = 100_000;

    private final FailurePatternAnalyzer analyzer;
    private final PatternStore store;
    private final PatternPersistence persistence;
    private final Scheduler scheduler;
    private volatile Cancellable next = Cancellable.NONE;
    private volatile boolean running = true;

    PatternWiring(Config config, Database database, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.analyzer = new FailurePatternAnalyzer(scheduler.clock(), new DependencyGraph(config.alerting().dependencies()),
                FailurePatternAnalyzer.Settings.DEFAULTS.withRefreshEvery(REFRESH));
        this.store = new JdbcPatternStore(database);
        this.persistence = new PatternPersistence(analyzer, store, scheduler.clock(), MAX_PENDING);
        long replayed = persistence.restore();
        log.info("event=patterns_restored failures={} patterns={}", replayed, analyzer.report().temporal().size()
                + analyzer.report().suggestions().size() + analyzer.report().correlations().size());
        next = scheduler.schedule(FLUSH, this::flushAndReschedule);
    }

    public FailurePatternAnalyzer analyzer() {
        return analyzer;
    }

    public PatternStore store() {
        return store;
    }

    public long notPersisted() {
        return persistence.notPersisted();
    }

    private void flushAndReschedule() {
        if (!running) {
            return;
        }
        flush();
        next = scheduler.schedule(FLUSH, this::flushAndReschedule);
    }

    private void flush() {
        try {
            persistence.flush();
        } catch (RuntimeException e) {
            log.warn("event=patterns_flush_failed error=\"{}\"", e.toString());
        }
    }

    /** Stops flushing and writes what is pending. */
    @Override
    public void close() {
        running = false;
        next.cancel();
        flush();
    }
}
