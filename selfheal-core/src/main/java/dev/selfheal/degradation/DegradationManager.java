package dev.selfheal.degradation;

import dev.selfheal.events.DegradationLevelChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.HumanDuration;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the degradation level and switches the {@link FeatureToggles}.
 *
 * <h2>How the level is chosen</h2>
 * The wanted level is the highest of: the level for the current score, and a floor that
 * a recovery action ({@code enable_degradation}) may raise for a while. A level pinned by hand
 * beats both. Going up is immediate; going down is one level at a time, and only after the
 * wanted level stayed below the current one for the hold-down time (hysteresis: a flapping
 * score does not make features flicker). A timer re-evaluates when a hold-down or a floor ends,
 * so stepping down does not wait for the next assessment.
 */
public final class DegradationManager {

    private static final Logger log = LoggerFactory.getLogger(DegradationManager.class);

    /** Where the manager stands, for the API and the console. */
    public record State(DegradationLevel level, double score, Optional<DegradationLevel> pinned,
                        Optional<DegradationLevel> floor, Optional<Instant> floorUntil, Optional<Instant> lowerSince) { }

    private final Scheduler scheduler;
    private final EventBus bus;
    private final DegradationSettings settings;
    private final FeatureToggles features = new FeatureToggles();

    private DegradationLevel level = DegradationLevel.FULL_SERVICE;
    private double score;
    private DegradationLevel pinned;
    private DegradationLevel floor = DegradationLevel.FULL_SERVICE;
    private Instant floorUntil = Instant.MIN;
    private long lowerSinceNanos = -1;
    private Cancellable timer = Cancellable.NONE;

    public DegradationManager(Scheduler scheduler, EventBus bus, DegradationSettings settings) {
        this.scheduler = scheduler;
        this.bus = bus;
        this.settings = settings;
    }

    public FeatureToggles features() {
        return features;
    }

    public synchronized DegradationLevel level() {
        return level;
    }

    public synchronized State state() {
        Instant now = scheduler.clock().instant();
        boolean floorActive = now.isBefore(floorUntil);
        Optional<Instant> lowerSince = lowerSinceNanos < 0 ? Optional.empty()
                : Optional.of(now.minusNanos(scheduler.nanoTime() - lowerSinceNanos));
        return new State(level, score, Optional.ofNullable(pinned), floorActive ? Optional.of(floor) : Optional.empty(),
                floorActive ? Optional.of(floorUntil) : Optional.empty(), lowerSince);
    }

    /** The level the score and an active floor ask for now, before hysteresis and pinning. */
    public synchronized DegradationLevel wanted() {
        DegradationLevel wanted = DegradationLevel.forScore(score);
        return scheduler.clock().instant().isBefore(floorUntil) ? wanted.max(floor) : wanted;
    }

    /**
     * When the level steps down one level if nothing changes: the end of the hold-down that began
     * when the wanted level fell below the current one. Empty when it is not holding (pinned, or
     * nothing lower is wanted), so the console can say why a healthy system is still degraded.
     */
    public synchronized Optional<Instant> stepDownAt() {
        if (pinned != null || lowerSinceNanos < 0) {
            return Optional.empty();
        }
        long left = settings.holdDown().toNanos() - (scheduler.nanoTime() - lowerSinceNanos);
        return Optional.of(scheduler.clock().instant().plusNanos(Math.max(0, left)));
    }

    /** How long a lower wanted level must last before the level steps down. */
    public Duration holdDown() {
        return settings.holdDown();
    }

    /** Takes a fresh score and moves the level by the rules above. Returns the level now. */
    public synchronized DegradationLevel assess(DegradationInputs inputs) {
        score = inputs.score();
        evaluate("score %.1f".formatted(score));
        return level;
    }

    /** Holds the level at {@code value} until {@link #unpin}, whatever the score. */
    public synchronized void pin(DegradationLevel value, String reason) {
        pinned = value;
        evaluate("pinned by hand: " + reason);
    }

    public synchronized void unpin(String reason) {
        pinned = null;
        lowerSinceNanos = -1;
        evaluate("unpinned: " + reason);
    }

    /** Keeps the level at least {@code value} for {@code duration} (what enable_degradation does). */
    public synchronized void raiseFloor(DegradationLevel value, Duration duration, String reason) {
        Instant now = scheduler.clock().instant();
        Instant until = now.plus(duration);
        if (now.isBefore(floorUntil)) {
            floor = floor.max(value);
            floorUntil = until.isAfter(floorUntil) ? until : floorUntil;
        } else {
            floor = value;
            floorUntil = until;
        }
        scheduler.schedule(duration, this::reevaluate);
        evaluate("floor " + value.label() + " for " + HumanDuration.of(duration) + ": " + reason);
    }

    private synchronized void reevaluate() {
        evaluate("re-evaluated after hold-down");
    }

    private void evaluate(String reason) {
        if (pinned != null) {
            lowerSinceNanos = -1;
            move(pinned, reason);
            return;
        }
        Instant now = scheduler.clock().instant();
        DegradationLevel wanted = DegradationLevel.forScore(score);
        if (now.isBefore(floorUntil)) {
            wanted = wanted.max(floor);
        }
        if (wanted.number() > level.number()) {
            lowerSinceNanos = -1;
            move(wanted, reason);
        } else if (wanted.number() < level.number()) {
            long nowNanos = scheduler.nanoTime();
            if (lowerSinceNanos < 0) {
                lowerSinceNanos = nowNanos;
                armTimer(settings.holdDown());
            } else if (nowNanos - lowerSinceNanos >= settings.holdDown().toNanos()) {
                move(level.lower(), "%s: the wanted level stayed below %s for %s".formatted(reason, level.label(), HumanDuration.of(settings.holdDown())));
                if (wanted.number() < level.number()) {
                    lowerSinceNanos = nowNanos;
                    armTimer(settings.holdDown());
                } else {
                    lowerSinceNanos = -1;
                }
            } else {
                armTimer(Duration.ofNanos(settings.holdDown().toNanos() - (nowNanos - lowerSinceNanos)));
            }
        } else {
            lowerSinceNanos = -1;
        }
    }

    private void armTimer(Duration delay) {
        timer.cancel();
        timer = scheduler.schedule(delay, this::reevaluate);
    }

    private void move(DegradationLevel next, String reason) {
        if (next == level) {
            return;
        }
        DegradationLevel from = level;
        level = next;
        features.apply(next);
        log.warn("event=degradation_level_changed from={} to={} score={} reason=\"{}\"", from.number(), next.number(), score, reason);
        bus.publish(new DegradationLevelChanged(from.number(), next.number(), score, reason, scheduler.clock().instant()));
    }
}
