package dev.selfheal.resilience;

import dev.selfheal.events.EventBus;
import dev.selfheal.time.DurationChecks;
import dev.selfheal.time.Scheduler;
import dev.selfheal.time.SystemScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The guards of a service, one per integration, keyed by name. Filled from config (the
 * builder) and from code ({@link #register}); asking for an integration that has no guard
 * fails fast, naming it and the configured ones.
 */
public final class GuardRegistry implements AutoCloseable {

    static final Duration DEFAULT_TIME_LIMIT_RESOLUTION = Duration.ofMillis(10);
    static final Duration DEFAULT_REPLAY_DRAIN_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicLong REGISTRIES = new AtomicLong();

    /** Unique in this JVM; breaker events carry it so that a listener can tell its own guards from another registry's. */
    private final String id = "guards-" + REGISTRIES.incrementAndGet();

    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final Scheduler time;
    private final EventBus bus;
    private final MeterRegistry meters;
    private final OutboxStore outbox;
    private final TimeLimitWatchdog watchdog;
    private final Executor replayExecutor;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final AutoCloseable ownedScheduler;
    private final Duration replayDrainTimeout;
    private volatile boolean closed;

    private GuardRegistry(Builder b) {
        this.ownedScheduler = b.scheduler == null ? new SystemScheduler("selfheal-guards") : null;
        this.time = b.scheduler != null ? b.scheduler : (Scheduler) ownedScheduler;
        this.bus = b.bus != null ? b.bus : new EventBus();
        this.meters = b.meters != null ? b.meters : new SimpleMeterRegistry();
        this.outbox = b.outbox != null ? b.outbox : new InMemoryOutboxStore();
        this.watchdog = new TimeLimitWatchdog(time, b.timeLimitResolution);
        this.replayExecutor = b.replayExecutor != null ? b.replayExecutor
                : task -> Thread.ofVirtual().name("selfheal-outbox-replay").start(task);
        this.sleeper = b.sleeper != null ? b.sleeper : Sleeper.SYSTEM;
        this.random = b.random != null ? b.random : RandomGenerator.getDefault();
        this.replayDrainTimeout = b.replayDrainTimeout;
        for (GuardConfig config : b.configs) {
            register(config);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds a guard for {@code config.integration()}; a second guard for the same name is refused. */
    public Guard register(GuardConfig config) {
        Objects.requireNonNull(config, "config");
        Guard guard = new Guard(id, config, time, bus, meters, outbox, watchdog, replayExecutor, sleeper, random);
        Guard existing = guards.putIfAbsent(config.integration(), guard);
        if (existing != null) {
            throw new IllegalArgumentException("integration '%s' already has a guard".formatted(config.integration()));
        }
        return guard;
    }

    /** The guard of {@code integration}; {@link UnknownIntegrationException} when it has none. */
    public Guard guard(String integration) {
        Guard guard = integration == null ? null : guards.get(integration);
        if (guard == null) {
            throw new UnknownIntegrationException(String.valueOf(integration), names());
        }
        return guard;
    }

    /** This registry's id, as its guards' {@link dev.selfheal.events.BreakerStateChanged} events carry it. */
    public String id() {
        return id;
    }

    /** The configured integrations, sorted. */
    public Set<String> names() {
        return new TreeSet<>(guards.keySet());
    }

    public List<Guard> all() {
        return new ArrayList<>(guards.values());
    }

    public EventBus eventBus() {
        return bus;
    }

    public MeterRegistry meterRegistry() {
        return meters;
    }

    /** Whether {@link #close()} has begun. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the guards before whoever owns the outbox store closes it: no outbox replay starts
     * from now on, running replays stop before their next message and are awaited, at most
     * {@code replayDrainTimeout} (default 5 s) in all. What a replay did not deliver stays parked.
     */
    @Override
    public void close() {
        closed = true;
        List<Guard> all = all();
        all.forEach(Guard::stopReplays);
        long deadline = System.nanoTime() + replayDrainTimeout.toNanos();
        for (Guard g : all) {
            g.awaitReplays(deadline);
        }
        watchdog.close();
        if (ownedScheduler != null) {
            try {
                ownedScheduler.close();
            } catch (Exception ignored) {
                // a scheduler we own only stops its timer thread
            }
        }
    }

    /** Builds a {@link GuardRegistry}; everything has a production default, tests inject time and executors. */
    public static final class Builder {
        private Scheduler scheduler;
        private EventBus bus;
        private MeterRegistry meters;
        private OutboxStore outbox;
        private Duration timeLimitResolution = DEFAULT_TIME_LIMIT_RESOLUTION;
        private Executor replayExecutor;
        private Sleeper sleeper;
        private RandomGenerator random;
        private Duration replayDrainTimeout = DEFAULT_REPLAY_DRAIN_TIMEOUT;
        private final List<GuardConfig> configs = new ArrayList<>();

        private Builder() { }

        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public Builder eventBus(EventBus bus) {
            this.bus = Objects.requireNonNull(bus, "eventBus");
            return this;
        }

        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meterRegistry");
            return this;
        }

        public Builder outboxStore(OutboxStore outbox) {
            this.outbox = Objects.requireNonNull(outbox, "outboxStore");
            return this;
        }

        /**
         * How often time-limited attempts are checked while any runs (default 10 ms): an
         * attempt is interrupted between its time limit and the limit plus this.
         */
        public Builder timeLimitResolution(Duration resolution) {
            this.timeLimitResolution = DurationChecks.positive(resolution, "timeLimitResolution");
            return this;
        }

        /** Where outbox replays run when a breaker closes (default: a virtual thread each). */
        public Builder replayExecutor(Executor executor) {
            this.replayExecutor = Objects.requireNonNull(executor, "replayExecutor");
            return this;
        }

        /** How long {@link GuardRegistry#close()} waits for running outbox replays to end (default 5 s). */
        public Builder replayDrainTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "replayDrainTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("replayDrainTimeout cannot be negative, got " + timeout);
            }
            this.replayDrainTimeout = timeout;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The source of backoff jitter. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder guard(GuardConfig config) {
            configs.add(Objects.requireNonNull(config, "config"));
            return this;
        }

        /** Guards with the default settings for linear, github, slack and codegen. */
        public Builder defaultIntegrations() {
            for (String name : GuardDefaults.defaultIntegrations()) {
                configs.add(GuardConfig.defaults(name));
            }
            return this;
        }

        public GuardRegistry build() {
            Set<String> seen = new TreeSet<>();
            for (GuardConfig c : configs) {
                if (!seen.add(c.integration())) {
                    throw new IllegalArgumentException("integration '%s' is configured twice".formatted(c.integration()));
                }
            }
            return new GuardRegistry(this);
        }
    }
}
