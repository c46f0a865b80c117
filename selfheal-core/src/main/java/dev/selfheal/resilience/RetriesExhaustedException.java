package dev.selfheal.resilience;

import java.io.Serial;

/** Every attempt the retry policy allows failed with a retryable error; the cause is the last one. */
public class RetriesExhaustedException extends CallFailedException {

    @Serial
    private static final long serialVersionUID = 1L;

    public RetriesExhaustedException(String integration, int attempts, Throwable lastCause) {
        super(integration, attempts, "call to %s failed after %d attempts, retries exhausted; last error: %s"
                .formatted(integration, attempts, lastCause), lastCause);
    }
}
