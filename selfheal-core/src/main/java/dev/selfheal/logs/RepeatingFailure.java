package dev.selfheal.logs;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * One kind of failure that may repeat many times a second (a full disk under every write): the
 * first occurrence is logged at ERROR with its stack trace, later ones are only counted and a
 * summary line ({@code repeats=N since_first_ms=...}) is logged at most once per
 * {@code summaryEvery}; the first success after failures logs one recovery line with the total.
 * Thread-safe.
 */
public final class RepeatingFailure {

    public static final Duration DEFAULT_SUMMARY_EVERY = Duration.ofMinutes(1);

    private final Logger log;
    private final String event;
    private final long summaryEveryNanos;
    private final LongSupplier nanoTime;

    private boolean failing;
    private long firstNanos;
    private long lastSummaryNanos;
    private long sinceSummary;
    private long inEpisode;

    /**
     * @param event    the {@code event=} name of the lines, e.g. {@code history_write_failed}
     * @param nanoTime the clock ({@code System::nanoTime}, or a test's virtual one)
     */
    public RepeatingFailure(Logger log, String event, Duration summaryEvery, LongSupplier nanoTime) {
        this.log = log;
        this.event = event;
        this.summaryEveryNanos = summaryEvery.toNanos();
        this.nanoTime = nanoTime;
    }

    public RepeatingFailure(Logger log, String event) {
        this(log, event, DEFAULT_SUMMARY_EVERY, System::nanoTime);
    }

    /**
     * Records one failure; {@code detail} is a {@code key=value ...} text for the line (what was
     * lost, for instance). Returns whether this call wrote a line.
     */
    public synchronized boolean failed(String detail, Throwable error) {
        long now = nanoTime.getAsLong();
        inEpisode++;
        if (!failing) {
            failing = true;
            firstNanos = now;
            lastSummaryNanos = now;
            sinceSummary = 0;
            log.error("event={} {} error=\"{}\"", event, detail, error.toString(), error);
            return true;
        }
        sinceSummary++;
        if (now - lastSummaryNanos >= summaryEveryNanos) {
            log.error("event={} {} repeats={} since_first_ms={} error=\"{}\"", event, detail, sinceSummary,
                    Duration.ofNanos(now - firstNanos).toMillis(), error.toString());
            lastSummaryNanos = now;
            sinceSummary = 0;
            return true;
        }
        return false;
    }

    /** Records a success; after failures, logs one line saying the failure is over. */
    public synchronized void succeeded() {
        if (!failing) {
            return;
        }
        failing = false;
        log.info("event={}_recovered failures={} lasted_ms={}", event, inEpisode,
                Duration.ofNanos(nanoTime.getAsLong() - firstNanos).toMillis());
        inEpisode = 0;
    }

    public synchronized boolean isFailing() {
        return failing;
    }
}
