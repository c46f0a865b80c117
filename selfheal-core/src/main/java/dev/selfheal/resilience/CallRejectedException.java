package dev.selfheal.resilience;

import java.io.Serial;

/** The call was not made: the breaker is open or the bulkhead is full. */
public class CallRejectedException extends GuardException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Why the guard refused the call. */
    public enum Reason { BREAKER_OPEN, BULKHEAD_FULL }

    private final Reason reason;

    public CallRejectedException(String integration, Reason reason, Throwable cause) {
        super(integration, switch (reason) {
            case BREAKER_OPEN -> "call to %s not made: its circuit breaker is open".formatted(integration);
            case BULKHEAD_FULL -> "call to %s not made: its bulkhead is full (too many concurrent calls)".formatted(integration);
        }, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
