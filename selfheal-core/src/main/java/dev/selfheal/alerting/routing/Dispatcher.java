package dev.selfheal.alerting.routing;

import dev.selfheal.alerting.Notification;
import dev.selfheal.resilience.Guard;
import dev.selfheal.time.Scheduler;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications to receivers, each channel behind its own guard.
 *
 * <p>Guard, per receiver: a rate limit (token bucket); then the call on the executor (channels
 * block on I/O); a failure is retried after an exponential backoff (Resilience4j's
 * {@link IntervalFunction}, timed on the injected scheduler so tests run on virtual time) up to
 * {@code maxAttempts}; when the attempts are spent, or the rate limit says no, the
 * notification goes to the receiver's fallback, and so on down the chain (each receiver at
 * most once). The caller hears the outcome once, through its callback.
 *
 * <p>With a {@link Guard} for a receiver (the daemon registers one per receiver, named
 * {@code notify-<receiver>}, in its guard registry), the call goes through it instead of the
 * dispatcher's own retry: its retry, retry budget, circuit breaker, bulkhead and time limit
 * apply, an open breaker refuses at once, and whatever the guard finally throws sends the
 * notification to the fallback.
 *
 * <p>A channel's exception message is logged with the receiver's name, never the channel's
 * configuration: channels are written not to put secrets in messages.
 */
public final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Retries per receiver and the first backoff (doubling). */
    public record Settings(int maxAttempts, Duration initialBackoff) {
        public static final Settings DEFAULT = new Settings(3, Duration.ofSeconds(1));

        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
            }
        }
    }

    /** Counts per receiver. */
    public record Counts(long sent, long failed, long rateLimited, long fellBack) { }

    private final Scheduler scheduler;
    private final Executor executor;
    private final Map<String, Receiver> receivers;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final Settings settings;
    private final IntervalFunction backoff;
    private final Map<String, AtomicLong[]> counts = new ConcurrentHashMap<>();
    private final Function<String, Optional<Guard>> guards;

    public Dispatcher(Scheduler scheduler, Executor executor, Map<String, Receiver> receivers, Settings settings) {
        this(scheduler, executor, receivers, settings, name -> Optional.empty());
    }

    /** With {@code guards}: receiver name → the guard its channel calls go through (else the dispatcher's own retry). */
    public Dispatcher(Scheduler scheduler, Executor executor, Map<String, Receiver> receivers, Settings settings,
                      Function<String, Optional<Guard>> guards) {
        this.guards = guards;
        this.scheduler = scheduler;
        this.executor = executor;
        this.receivers = Map.copyOf(receivers);
        this.settings = settings;
        this.backoff = IntervalFunction.ofExponentialBackoff(Math.max(1, settings.initialBackoff().toMillis()), 2.0);
        for (Receiver r : receivers.values()) {
            r.fallback().filter(f -> !receivers.containsKey(f)).ifPresent(f -> {
                throw new IllegalArgumentException("receiver %s: fallback '%s' is not a receiver; known: %s"
                        .formatted(r.name(), f, String.join(", ", receivers.keySet())));
            });
            buckets.put(r.name(), new TokenBucket(r.ratePerMinute(), scheduler::nanoTime));
            counts.put(r.name(), new AtomicLong[] {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()});
        }
    }

    public boolean knows(String receiver) {
        return receivers.containsKey(receiver);
    }

    public Set<String> receiverNames() {
        return receivers.keySet();
    }

    /** Sends {@code notification} to its receiver (or a fallback); {@code done} hears how it ended. */
    public void deliver(Notification notification, Consumer<Delivery> done) {
        attempt(notification, notification.receiver(), 1, new LinkedHashSet<>(), "", done);
    }

    private void attempt(Notification n, String name, int attempt, Set<String> visited, String lastError, Consumer<Delivery> done) {
        Receiver receiver = receivers.get(name);
        if (receiver == null) {
            done.accept(new Delivery(n.receiver(), Optional.empty(), visited.size(), "unknown receiver " + name));
            return;
        }
        visited.add(name);
        if (attempt == 1 && !buckets.get(name).tryAcquire()) {
            counts.get(name)[2].incrementAndGet();
            log.warn("event=notification_rate_limited receiver={} kind={} group={}", name, n.kind().label(), n.groupKey());
            fallBack(n, receiver, visited, "rate limited", done);
            return;
        }
        Optional<Guard> guard = guards.apply(name);
        if (guard.isPresent()) {
            executor.execute(() -> guarded(guard.get(), n, receiver, visited, done));
            return;
        }
        executor.execute(() -> {
            try {
                receiver.channel().send(retarget(n, name));
                counts.get(name)[0].incrementAndGet();
                done.accept(new Delivery(n.receiver(), Optional.of(name), attempt, ""));
            } catch (Exception | LinkageError e) {
                String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                counts.get(name)[1].incrementAndGet();
                log.warn("event=notification_failed receiver={} channel={} attempt={} error=\"{}\"", name,
                        receiver.channel().type(), attempt, error);
                if (attempt < settings.maxAttempts()) {
                    scheduler.schedule(Duration.ofMillis(backoff.apply(attempt)),
                            () -> attempt(n, name, attempt + 1, visited, error, done));
                } else {
                    fallBack(n, receiver, visited, error, done);
                }
            }
        });
    }

    private void guarded(Guard guard, Notification n, Receiver receiver, Set<String> visited, Consumer<Delivery> done) {
        String name = receiver.name();
        try {
            guard.call("notify_" + n.kind().label(), () -> {
                receiver.channel().send(retarget(n, name));
                return null;
            });
            counts.get(name)[0].incrementAndGet();
            done.accept(new Delivery(n.receiver(), Optional.of(name), 1, ""));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String error = e.getClass().getSimpleName() + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            counts.get(name)[1].incrementAndGet();
            log.warn("event=notification_failed receiver={} channel={} guard={} error=\"{}\"", name, receiver.channel().type(),
                    guard.integration(), error);
            fallBack(n, receiver, visited, error, done);
        }
    }

    private void fallBack(Notification n, Receiver from, Set<String> visited, String error, Consumer<Delivery> done) {
        Optional<String> next = from.fallback().filter(f -> !visited.contains(f));
        if (next.isPresent()) {
            counts.get(from.name())[3].incrementAndGet();
            log.warn("event=notification_fallback from={} to={} reason=\"{}\"", from.name(), next.get(), error);
            attempt(n, next.get(), 1, visited, error, done);
        } else {
            log.error("event=notification_undelivered receiver={} kind={} group={} error=\"{}\"", n.receiver(), n.kind().label(),
                    n.groupKey(), error);
            done.accept(new Delivery(n.receiver(), Optional.empty(), visited.size(), error));
        }
    }

    private static Notification retarget(Notification n, String receiver) {
        return receiver.equals(n.receiver()) ? n : new Notification(n.kind(), receiver, n.groupKey(), n.alerts(), n.note(), n.at());
    }

    public Counts counts(String receiver) {
        AtomicLong[] c = counts.get(receiver);
        return c == null ? new Counts(0, 0, 0, 0) : new Counts(c[0].get(), c[1].get(), c[2].get(), c[3].get());
    }
}
