package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.metrics.PerformanceMonitor;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the meters every {@code selfheal.performance.interval} and reports crossed limits and anomalies to the loop. */
public final class PerformanceWatch {

    private static final Logger log = LoggerFactory.getLogger(PerformanceWatch.class);

    private final PerformanceMonitor monitor;
    private final Scheduler scheduler;
    private final Duration interval;
    private volatile Cancellable next;
    private volatile boolean running;

    PerformanceWatch(PerformanceMonitor monitor, Scheduler scheduler, Duration interval) {
        this.monitor = monitor;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    public PerformanceMonitor monitor() {
        return monitor;
    }

    synchronized void start() {
        running = true;
        next = scheduler.schedule(interval, this::cycle);
    }

    synchronized void stop() {
        running = false;
        Cancellable n = next;
        if (n != null) {
            n.cancel();
        }
    }

    private void cycle() {
        try {
            monitor.assess();
        } catch (RuntimeException e) {
            log.warn("event=performance_cycle_failed error=\"{}\"", e.toString());
        } finally {
            synchronized (this) {
                if (running) {
                    next = scheduler.schedule(interval, this::cycle);
                }
            }
        }
    }
}
