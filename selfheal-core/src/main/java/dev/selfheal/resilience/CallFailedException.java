package dev.selfheal.resilience;

import java.io.Serial;

/**
 * The call was made and failed with an error that is not retried (a 4xx other than 429, a
 * credential failure, or whatever the integration's classifier refuses). The cause is the
 * call's own exception. Subclasses say why retrying stopped for a retryable error.
 */
public class CallFailedException extends GuardException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int attempts;

    public CallFailedException(String integration, int attempts, Throwable cause) {
        this(integration, attempts, "call to %s failed after %d attempt(s), not retryable: %s"
                .formatted(integration, attempts, cause), cause);
    }

    protected CallFailedException(String integration, int attempts, String message, Throwable cause) {
        super(integration, message, cause);
        this.attempts = attempts;
    }

    /** How many times the call was made, the first one included. */
    public int attempts() {
        return attempts;
    }

    /** The last failure. */
    public Throwable lastCause() {
        return getCause();
    }
}
