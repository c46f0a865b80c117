package dev.selfheal.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process event bus every capability publishes to and subscribes on.
 *
 * <p>Delivery is synchronous, on the publisher's thread, in subscription order: cheap and
 * ordered per publisher. A subscriber that does I/O or slow work hands the event to its own
 * executor. A subscriber that throws is logged and counted, and the others still get the
 * event: one broken listener must never blind the healing loop.
 */
public final class EventBus {

    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    private record Subscriber<E extends SelfHealEvent>(Class<E> type, Consumer<? super E> consumer) {
        void deliver(SelfHealEvent event) {
            if (type.isInstance(event)) {
                consumer.accept(type.cast(event));
            }
        }
    }

    private final List<Subscriber<?>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong subscriberFailures = new AtomicLong();

    /** Subscribes to every event of {@code type} (use {@code SelfHealEvent.class} for all). */
    public <E extends SelfHealEvent> Subscription subscribe(Class<E> type, Consumer<? super E> consumer) {
        Subscriber<E> subscriber = new Subscriber<>(type, consumer);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(SelfHealEvent event) {
        published.incrementAndGet();
        for (Subscriber<?> subscriber : subscribers) {
            try {
                subscriber.deliver(event);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                subscriberFailures.incrementAndGet();
                log.error("event=subscriber_failed event_type={} error=\"{}\"",
                        event.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }

    public long publishedCount() {
        return published.get();
    }

    public long subscriberFailureCount() {
        return subscriberFailures.get();
    }

    /** Ends a subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
