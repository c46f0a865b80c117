package dev.selfheal.resilience;

import java.io.Serial;

/**
 * A guarded call did not produce a value. Every subclass names the integration and says why:
 * the call failed ({@link CallFailedException} and its kinds), was refused before it was made
 * ({@link CallRejectedException}), was rate limited beyond the caller's deadline
 * ({@link RateLimitedException}), or its feature is degraded ({@link FeatureDegradedException}).
 */
public abstract class GuardException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String integration;

    protected GuardException(String integration, String message, Throwable cause) {
        super(message, cause);
        this.integration = integration;
    }

    public String integration() {
        return integration;
    }
}
