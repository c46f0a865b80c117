package dev.selfheal.resilience;

import dev.selfheal.events.EventBus;
import dev.selfheal.events.SelfHealEvent;
import dev.selfheal.resilience.retry.HttpStatusException;
import dev.selfheal.time.VirtualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A guard registry on virtual time: retry waits advance the virtual clock (and are recorded),
 * replays run on the calling thread, every event is kept.
 */
final class GuardFixture {

    final VirtualScheduler time = new VirtualScheduler();
    final EventBus bus = new EventBus();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OutboxStore outbox;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final List<SelfHealEvent> events = new CopyOnWriteArrayList<>();
    final GuardRegistry registry;

    GuardFixture(GuardConfig... configs) {
        this(new InMemoryOutboxStore(), configs);
    }

    GuardFixture(OutboxStore outbox, GuardConfig... configs) {
        this.outbox = outbox;
        bus.subscribe(SelfHealEvent.class, events::add);
        GuardRegistry.Builder b = GuardRegistry.builder()
                .scheduler(time)
                .eventBus(bus)
                .meterRegistry(meters)
                .outboxStore(outbox)
                .replayExecutor(Runnable::run)
                .random(new Random(42))
                .sleeper(d -> {
                    waits.add(d);
                    time.advance(d);
                });
        for (GuardConfig c : configs) {
            b.guard(c);
        }
        registry = b.build();
    }

    Guard guard(String name) {
        return registry.guard(name);
    }

    <E extends SelfHealEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    double counter(String name, String... tags) {
        var search = meters.find(name).tags(tags);
        if (search.counter() != null) {
            return search.counter().count();
        }
        return search.functionCounter() == null ? 0 : search.functionCounter().count();
    }

    double gauge(String name, String... tags) {
        var g = meters.find(name).tags(tags).gauge();
        return g == null ? Double.NaN : g.value();
    }

    /** A call that fails with {@code error}. */
    static java.util.concurrent.Callable<String> failing(Exception error) {
        return () -> {
            throw error;
        };
    }

    static HttpStatusException http(int status, String... headerPairs) {
        java.util.Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
        }
        return new HttpStatusException(status, headers, "test");
    }

    static GuardConfig.Builder config(String name) {
        return GuardConfig.builder(name).noTimeLimit();
    }

    static Map<String, List<String>> headers(String... pairs) {
        java.util.Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            headers.put(pairs[i], List.of(pairs[i + 1]));
        }
        return headers;
    }
}
