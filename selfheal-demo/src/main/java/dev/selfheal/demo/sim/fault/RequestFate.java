package dev.selfheal.demo.sim.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the active faults do to one API request, decided before it is handled.
 *
 * @param hang          wait on {@code hangGate} and never answer normally
 * @param delay         added before the request is handled
 * @param error         an injected 5xx status and where it replaces the answer
 * @param rateLimitedUntil when the quota is exhausted by a fault, the instant it comes back
 */
public record RequestFate(Optional<HangGate.Generation> hang, Duration delay, Optional<InjectedError> error,
                          Optional<Instant> rateLimitedUntil) {

    public static final RequestFate UNHARMED = new RequestFate(Optional.empty(), Duration.ZERO, Optional.empty(), Optional.empty());

    public record InjectedError(int status, Fault.Phase phase) { }
}
