package dev.selfheal.resilience;

import java.time.Duration;

/**
 * What {@link Guard#execute} produced: a live value, the last good value (with its age), or
 * word that a feature is off. Switch over it; the compiler checks that every case is handled.
 */
public sealed interface Outcome<T> {

    /** The integration answered. */
    record Live<T>(T value) implements Outcome<T> { }

    /** The integration could not be called; this is what it said {@code age} ago. */
    record LastGood<T>(T value, Duration age, GuardException cause) implements Outcome<T> { }

    /** The integration could not be called and {@code feature} is off. */
    record Degraded<T>(String feature, GuardException cause) implements Outcome<T> { }
}
