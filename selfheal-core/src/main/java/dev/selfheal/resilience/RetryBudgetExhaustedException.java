package dev.selfheal.resilience;

import java.io.Serial;

/**
 * A retryable failure was not retried because the integration's retry budget was spent:
 * recent retries already reached their share of recent calls. This is what keeps an outage
 * from multiplying the load on the failing service.
 */
public class RetryBudgetExhaustedException extends CallFailedException {

    @Serial
    private static final long serialVersionUID = 1L;

    public RetryBudgetExhaustedException(String integration, int attempts, Throwable lastCause) {
        super(integration, attempts, "call to %s failed after %d attempt(s); no retry: the retry budget is spent; last error: %s"
                .formatted(integration, attempts, lastCause), lastCause);
    }
}
