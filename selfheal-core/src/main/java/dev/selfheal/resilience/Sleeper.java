package dev.selfheal.resilience;

import java.time.Duration;

/**
 * How a guard waits between retries. Injected so that tests drive retries on virtual time
 * (a sleeper that advances a {@code VirtualScheduler}) and never sleep on the wall clock.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps the calling thread (a virtual thread parks cheaply). */
    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration);
        }
    };
}
