package dev.selfheal.demo.orchestrator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Makes pull-request events at a steady rate (seeded titles, authors and numbers) and hands each
 * to the pipeline on its own virtual thread, at most {@code maxInFlight} at once: a slow
 * integration slows the generator (back-pressure) rather than piling up threads. Every event made
 * is counted before it is handed over, so the account can tell a lost event from one never made.
 */
public final class EventGenerator implements AutoCloseable {

    private static final List<String> AUTHORS = List.of("octocat", "hubot", "monalisa", "defunkt", "mojombo");
    private static final List<String> TOPICS = List.of("Fix flaky retry test", "Add rate-limit metrics", "Bump Jackson",
            "Speed up the outbox replay", "Handle 429 from Slack", "Refactor webhook intake", "Document the healing loop");

    private final String runId;
    private final double ratePerSecond;
    private final BiConsumer<PullRequestEvent, String> sink;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final SplittableRandom random;
    private final AtomicLong generated = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public EventGenerator(String runId, double ratePerSecond, long seed, int maxInFlight, BiConsumer<PullRequestEvent, String> sink) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("--rate must be positive, got " + ratePerSecond);
        }
        this.runId = runId;
        this.ratePerSecond = ratePerSecond;
        this.sink = sink;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.random = new SplittableRandom(seed);
    }

    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("demo-event-generator").start(this::loop);
    }

    private void loop() {
        long periodNanos = (long) (1_000_000_000L / ratePerSecond);
        long next = System.nanoTime();
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!running) {
                return;
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            long n = generated.incrementAndGet();
            PullRequestEvent event = new PullRequestEvent("%s-%06d".formatted(runId, n), "acme/contexten",
                    1 + random.nextInt(1000), TOPICS.get(random.nextInt(TOPICS.size())), AUTHORS.get(random.nextInt(AUTHORS.size())),
                    Instant.now());
            Thread.ofVirtual().name("demo-event-" + n).start(() -> {
                try {
                    sink.accept(event, "generator");
                } finally {
                    inFlight.release();
                }
            });
            next += periodNanos;
            long now = System.nanoTime();
            if (now - next > 1_000_000_000L) {
                next = now; // fell behind by more than a second (back-pressure): do not burst to catch up
            }
        }
    }

    public long generated() {
        return generated.get();
    }

    public int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    /** Stops making events and waits up to {@code timeout} for those in flight to finish. */
    public boolean stop(Duration timeout) throws InterruptedException {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            t.join(2_000);
        }
        if (inFlight.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(maxInFlight);
            return true;
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }
}
