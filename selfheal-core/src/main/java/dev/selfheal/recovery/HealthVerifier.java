package dev.selfheal.recovery;

import dev.selfheal.events.ComponentStatusChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.ComponentHealth;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Verifies through the health engine: passes as soon as the component's damped status is
 * HEALTHY (so the check's own success threshold applies: one lucky probe is not a recovery) on a
 * result of a run begun after the verification began. A status from before the action says
 * nothing about after it: a component restarted while healthy (to prevent a predicted
 * exhaustion) still reads HEALTHY from before the restart.
 * While waiting it runs the check on demand every poll interval, so recovery is seen in
 * seconds rather than at the check's next scheduled run.
 *
 * <p>Then, with {@link #withStandingConditions}, it also waits (polling) until nothing stands
 * against the component any more, such as a performance limit it is over: a passing health
 * check says nothing about CPU or latency. A component with no check but watched by those
 * conditions is verified by them alone. Fails when the window ends first, or at once when the
 * component has neither (then nothing could ever prove it recovered).
 */
public final class HealthVerifier implements Verifier {

    private static final Duration CLOCK_SLACK = Duration.ofMillis(5);

    private final HealthCheckManager health;
    private final EventBus bus;
    private final Scheduler scheduler;
    private final Duration poll;
    private final StandingConditions conditions;

    public HealthVerifier(HealthCheckManager health, EventBus bus, Scheduler scheduler, Duration poll) {
        this(health, bus, scheduler, poll, StandingConditions.NONE);
    }

    private HealthVerifier(HealthCheckManager health, EventBus bus, Scheduler scheduler, Duration poll, StandingConditions conditions) {
        this.health = health;
        this.bus = bus;
        this.scheduler = scheduler;
        this.poll = poll;
        this.conditions = conditions;
    }

    /** The same verifier, also waiting until {@code conditions} no longer stand against the component. */
    public HealthVerifier withStandingConditions(StandingConditions conditions) {
        return new HealthVerifier(health, bus, scheduler, poll, conditions);
    }

    @Override
    public CompletableFuture<Verification> verify(String component, Duration window) {
        long deadline = scheduler.nanoTime() + window.toNanos();
        if (health.component(component).isEmpty()) {
            if (conditions.measures(component)) {
                return awaitCleared(component, deadline, new Verification(true, "%s has no health check".formatted(component)));
            }
            return CompletableFuture.completedFuture(new Verification(false,
                    "no health check registered for %s: recovery cannot be verified".formatted(component)));
        }
        return verifyHealth(component, window).thenCompose(healthy -> healthy.passed()
                ? awaitCleared(component, deadline, healthy)
                : CompletableFuture.completedFuture(healthy));
    }

    /** Passes with {@code healthy}'s message once nothing stands against the component; fails at {@code deadline}. */
    private CompletableFuture<Verification> awaitCleared(String component, long deadline, Verification healthy) {
        CompletableFuture<Verification> result = new CompletableFuture<>();
        checkCleared(component, deadline, healthy, result);
        return result;
    }

    private void checkCleared(String component, long deadline, Verification healthy, CompletableFuture<Verification> result) {
        Optional<String> standing = conditions.standing(component);
        if (standing.isEmpty()) {
            result.complete(healthy);
            return;
        }
        long left = deadline - scheduler.nanoTime();
        if (left <= 0) {
            result.complete(new Verification(false, "%s; but still standing: %s".formatted(healthy.message(), standing.get())));
            return;
        }
        scheduler.schedule(Duration.ofNanos(Math.min(left, poll.toNanos())), () -> checkCleared(component, deadline, healthy, result));
    }

    private CompletableFuture<Verification> verifyHealth(String component, Duration window) {
        CompletableFuture<Verification> result = new CompletableFuture<>();
        // a run started on demand just after this moment may stamp its start a hair before it (wall clock against nanoTime)
        Instant since = scheduler.clock().instant().minus(CLOCK_SLACK);
        EventBus.Subscription subscription = bus.subscribe(ComponentStatusChanged.class, e -> {
            if (e.component().equals(component) && e.to() == HealthStatus.HEALTHY) {
                result.complete(new Verification(true, "%s is HEALTHY again: %s".formatted(component, e.reason())));
            }
        });
        AtomicReference<Cancellable> nextPoll = new AtomicReference<>(Cancellable.NONE);
        Cancellable deadline = scheduler.schedule(window, () -> result.complete(new Verification(false,
                "%s not HEALTHY within %s: %s".formatted(component, window, describe(health.component(component))))));
        result.whenComplete((v, t) -> {
            subscription.close();
            deadline.cancel();
            nextPoll.get().cancel();
        });
        pollOnce(component, since, result, nextPoll);
        return result;
    }

    private void pollOnce(String component, Instant since, CompletableFuture<Verification> result, AtomicReference<Cancellable> nextPoll) {
        if (result.isDone()) {
            return;
        }
        if (isHealthy(component, since)) {
            result.complete(new Verification(true, "%s is HEALTHY".formatted(component)));
            return;
        }
        CompletableFuture<HealthCheckResult> run;
        try {
            run = health.runNow(component);
        } catch (NoSuchElementException gone) {
            // unregistered meanwhile (the daemon is stopping, or the check was removed)
            result.complete(new Verification(false, "%s is no longer checked: recovery cannot be verified".formatted(component)));
            return;
        }
        run.whenComplete((r, t) -> {
            if (isHealthy(component, since)) {
                result.complete(new Verification(true, "%s is HEALTHY: %s".formatted(component, r == null ? "" : r.message())));
            }
        });
        if (!result.isDone()) {
            nextPoll.set(scheduler.schedule(poll, () -> pollOnce(component, since, result, nextPoll)));
        }
    }

    /** HEALTHY on a result whose run began at or after {@code since}. */
    private boolean isHealthy(String component, Instant since) {
        return health.component(component).map(c -> c.status() == HealthStatus.HEALTHY
                && c.lastResult().filter(r -> !r.timestamp().minus(r.latency()).isBefore(since)).isPresent()).orElse(false);
    }

    private static String describe(Optional<ComponentHealth> component) {
        return component.map(c -> "%s (%s)".formatted(c.status(), c.message())).orElse("gone");
    }
}
