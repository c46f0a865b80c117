package dev.selfheal.recovery;

import dev.selfheal.events.ComponentStatusChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.ComponentHealth;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthStatus;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Verifies through the health engine: passes as soon as the component's damped status is
 * HEALTHY (so the check's own success threshold applies: one lucky probe is not a recovery).
 * While waiting it runs the check on demand every poll interval, so recovery is seen in
 * seconds rather than at the check's next scheduled run. Fails when the window ends first, or at
 * once when the component has no check (then nothing could ever prove it recovered).
 */
public final class HealthVerifier implements Verifier {

    private final HealthCheckManager health;
    private final EventBus bus;
    private final Scheduler scheduler;
    private final Duration poll;

    public HealthVerifier(HealthCheckManager health, EventBus bus, Scheduler scheduler, Duration poll) {
        this.health = health;
        this.bus = bus;
        this.scheduler = scheduler;
        this.poll = poll;
    }

    @Override
    public CompletableFuture<Verification> verify(String component, Duration window) {
        if (health.component(component).isEmpty()) {
            return CompletableFuture.completedFuture(new Verification(false,
                    "no health check registered for %s: recovery cannot be verified".formatted(component)));
        }
        CompletableFuture<Verification> result = new CompletableFuture<>();
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
        pollOnce(component, result, nextPoll);
        return result;
    }

    private void pollOnce(String component, CompletableFuture<Verification> result, AtomicReference<Cancellable> nextPoll) {
        if (result.isDone()) {
            return;
        }
        if (isHealthy(component)) {
            result.complete(new Verification(true, "%s is HEALTHY".formatted(component)));
            return;
        }
        health.runNow(component).whenComplete((r, t) -> {
            if (isHealthy(component)) {
                result.complete(new Verification(true, "%s is HEALTHY: %s".formatted(component, r == null ? "" : r.message())));
            }
        });
        if (!result.isDone()) {
            nextPoll.set(scheduler.schedule(poll, () -> pollOnce(component, result, nextPoll)));
        }
    }

    private boolean isHealthy(String component) {
        return health.component(component).map(c -> c.status() == HealthStatus.HEALTHY).orElse(false);
    }

    private static String describe(Optional<ComponentHealth> component) {
        return component.map(c -> "%s (%s)".formatted(c.status(), c.message())).orElse("gone");
    }
}
