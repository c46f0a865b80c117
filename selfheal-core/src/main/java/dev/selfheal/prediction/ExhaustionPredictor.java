package dev.selfheal.prediction;

import dev.selfheal.events.EventBus;
import dev.selfheal.events.RecoveryStepEnded;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemReporter;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.recovery.StandingConditions;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every resource each cycle, forecasts it, and reports a {@code predicted_exhaustion}
 * problem when the limit is expected within the horizon with enough confidence, so that the
 * recovery engine runs a preventive action (restart, clean-up, throttle) while the component
 * still serves.
 *
 * <h2>Once per episode</h2>
 * A warning is reported when it starts and again when it gets more urgent (MEDIUM, then HIGH
 * within a third of the horizon), not every cycle; the incident it opened is still open.
 *
 * <h2>Verified by the forecast</h2>
 * As {@link StandingConditions}, a warning stands against its component until the forecast no
 * longer crosses within the horizon. A recovery step that ends on the component releases its
 * resources' histories (the old climb no longer predicts the restarted process); until enough
 * fresh readings are in, the warning still stands unless the reading fell below where it was
 * when the warning was raised: a restart that freed nothing is not a recovery.
 *
 * <p>A gauge that throws or a forecast that fails costs that resource its cycle (logged,
 * counted); the predictor goes on.
 */
public final class ExhaustionPredictor implements StandingConditions, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExhaustionPredictor.class);
    /** The problem type of a resource of no known kind; each {@link ResourceKind} reports its own. */
    public static final ProblemType PREDICTED_EXHAUSTION = ProblemType.PREDICTED_EXHAUSTION;

    private final List<ResourceGauge> gauges;
    private final ForecastSelector selector;
    private final PredictionSettings settings;
    private final ProblemReporter reporter;
    private final Scheduler scheduler;
    private final Map<Resource, State> states = new LinkedHashMap<>();
    private volatile List<ResourceForecast> latest = List.of();
    private volatile Cancellable next = Cancellable.NONE;
    private volatile boolean running;
    private AutoCloseable subscription = () -> { };
    private long failures;

    /** Choosing fits every candidate; the choice is kept this many cycles (a minute at the default interval). */
    private static final int RECHOOSE_EVERY = 6;

    private static final class State {
        final ResourceHistory history;
        final Excursions excursions = new Excursions();
        ForecastSelector.Choice choice;
        int cyclesSinceChoice;
        Severity warned;
        double levelWhenWarned = Double.NaN;
        /** Since when every cycle's forecast has crossed within the horizon confidently; MIN_VALUE when the last did not. */
        long crossingSince = Long.MIN_VALUE;

        State(ResourceHistory history) {
            this.history = history;
        }
    }

    public ExhaustionPredictor(List<ResourceGauge> gauges, ForecastSelector selector, PredictionSettings settings,
                               ProblemReporter reporter, Scheduler scheduler) {
        this.gauges = List.copyOf(gauges);
        this.selector = selector;
        this.settings = settings;
        this.reporter = reporter;
        this.scheduler = scheduler;
        for (ResourceGauge g : this.gauges) {
            states.put(g.resource(), new State(new ResourceHistory(settings.recentWindow().toMillis(),
                    settings.bucket().toMillis(), settings.history().toMillis())));
        }
    }

    /** Releases a component's histories whenever a recovery step on it ends successfully. */
    public ExhaustionPredictor releaseOnRecovery(EventBus bus) {
        subscription = bus.subscribe(RecoveryStepEnded.class, e -> {
            if ("SUCCEEDED".equals(e.outcome())) {
                release(e.component());
            }
        });
        return this;
    }

    /** Forgets the histories of {@code component}'s resources: something released them. */
    public synchronized void release(String component) {
        states.forEach((resource, state) -> {
            if (resource.component().equals(component)) {
                state.history.clear();
                state.excursions.released();
                state.choice = null;
                state.crossingSince = Long.MIN_VALUE;
            }
        });
    }

    /** Runs {@link #assess} every interval until closed. */
    public synchronized void start() {
        if (!running) {
            running = true;
            next = scheduler.schedule(settings.interval(), this::cycle);
        }
    }

    private void cycle() {
        if (!running) {
            return;
        }
        try {
            assess();
        } catch (RuntimeException e) {
            log.error("event=prediction_cycle_failed error=\"{}\"", e.toString(), e);
        }
        if (running) {
            next = scheduler.schedule(settings.interval(), this::cycle);
        }
    }

    /** One cycle: read, forecast, report. Returns the forecasts made. */
    public synchronized List<ResourceForecast> assess() {
        Instant now = scheduler.clock().instant();
        List<ResourceForecast> made = new ArrayList<>();
        for (ResourceGauge gauge : gauges) {
            State state = states.get(gauge.resource());
            try {
                Optional<ResourceGauge.Reading> reading = gauge.read(now);
                if (reading.isEmpty()) {
                    continue;
                }
                made.add(forecast(gauge.resource(), gauge.kind(), state, reading.get(), now));
            } catch (RuntimeException e) {
                failures++;
                log.warn("event=prediction_resource_failed resource={} error=\"{}\"", gauge.resource(), e.toString());
            }
        }
        latest = List.copyOf(made);
        return latest;
    }

    private ResourceForecast forecast(Resource resource, ResourceKind kind, State state, ResourceGauge.Reading reading, Instant now) {
        state.history.add(now.toEpochMilli(), reading.used());
        Observations seen = new Observations(state.history.recent(), state.history.history(), reading.resetAt());
        int readings = state.history.recentSize();
        Forecast forecast;
        if (readings < settings.minReadings()) {
            forecast = Forecast.unknown(now, reading.used(), reading.limit());
        } else {
            if (state.choice == null || ++state.cyclesSinceChoice >= RECHOOSE_EVERY) {
                state.choice = selector.choose(seen, reading.limit(), settings.horizon());
                state.cyclesSinceChoice = 0;
            }
            forecast = selector.forecast(state.choice, seen, reading.limit(), now, settings.horizon(), settings.span());
        }
        // a quota's climb is judged against its reset by its own forecaster; any other climb no higher than one the resource
        // came back from on its own is taken for the same again
        // (what survives: a GC sawtooth comes back down every cycle, its floor does not)
        double surviving = readings >= settings.minReadings() && Double.isFinite(forecast.level()) ? forecast.level() : reading.used();
        state.excursions.add(surviving, reading.limit());
        boolean beyondNormal = reading.resetAt().isPresent() || surviving > state.excursions.survived();
        boolean crossing = readings >= settings.minReadings() && forecast.crossesWithin(settings.horizon()) && beyondNormal;
        if (!crossing) {
            state.crossingSince = Long.MIN_VALUE;
        } else if (state.crossingSince == Long.MIN_VALUE) {
            state.crossingSince = now.toEpochMilli();
        }
        // one cycle's crossing may be a burst that stops; a leak still crosses on every cycle after it. The confidence gate
        // is judged on this cycle alone: a noisy reading or another forecaster's wider band lowers it for a cycle, and
        // that says nothing about whether the climb went on
        boolean warning = crossing && forecast.confidence() >= settings.minConfidence()
                && now.toEpochMilli() - state.crossingSince >= persistenceFor(forecast);
        boolean stillWarming = readings < settings.minReadings() && state.warned != null
                && !(reading.used() < state.levelWhenWarned);
        ResourceForecast result = new ResourceForecast(resource, reading.used(), reading.limit(), readings, forecast,
                warning || stillWarming);
        if (warning) {
            Severity severity = forecast.timeToExhaustion().orElseThrow().compareTo(settings.horizon().dividedBy(3)) <= 0
                    ? Severity.HIGH : Severity.MEDIUM;
            if (state.warned == null || severity.compareTo(state.warned) > 0) {
                state.warned = severity;
                state.levelWhenWarned = reading.used();
                reporter.report(new Problem(kind.problemType(), resource.component(), severity, result.describe(),
                        "prediction", now));
                log.info("event=exhaustion_predicted resource={} severity={} evidence=\"{}\"", resource, severity, result.describe());
            }
        } else if (!stillWarming) {
            state.warned = null;
            state.levelWhenWarned = Double.NaN;
        }
        return result;
    }

    /**
     * How long a crossing must have held before it is a warning: the fixed persistence, but never
     * more than a share of the time the forecast says is left. Waiting two minutes to be sure is
     * cheap when the limit is 20 minutes away and a crash when it is one minute away.
     */
    private long persistenceFor(Forecast forecast) {
        long fixed = settings.persistence().toMillis();
        return forecast.timeToExhaustion()
                .map(left -> Math.min(fixed, Math.round(settings.persistenceShare() * left.toMillis())))
                .orElse(fixed);
    }

    /** The forecasts of the last cycle, one per resource that could be read. */
    public List<ResourceForecast> forecasts() {
        return latest;
    }

    public List<Resource> resources() {
        return gauges.stream().map(ResourceGauge::resource).toList();
    }

    public PredictionSettings settings() {
        return settings;
    }

    public synchronized long failures() {
        return failures;
    }

    @Override
    public Optional<String> standing(String component) {
        return latest.stream()
                .filter(f -> f.warning() && f.resource().component().equals(component))
                .findFirst()
                .map(f -> f.readings() < settings.minReadings()
                        ? f.resource().name() + " of " + component + " not released yet (" + f.used() + " used)"
                        : f.describe());
    }

    @Override
    public boolean measures(String component) {
        return gauges.stream().anyMatch(g -> g.resource().component().equals(component));
    }

    @Override
    public synchronized void close() {
        running = false;
        next.cancel();
        try {
            subscription.close();
        } catch (Exception e) {
            log.warn("event=prediction_unsubscribe_failed error=\"{}\"", e.toString());
        }
    }

}
