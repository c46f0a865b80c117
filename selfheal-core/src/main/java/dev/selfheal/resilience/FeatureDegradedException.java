package dev.selfheal.resilience;

import java.io.Serial;

/**
 * The integration could not be called and its fallback is "degrade": the named feature is
 * off until the integration recovers. The cause says why the call could not be made.
 */
public class FeatureDegradedException extends GuardException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String feature;

    public FeatureDegradedException(String integration, String feature, GuardException cause) {
        super(integration, "feature '%s' is off: %s".formatted(feature, cause.getMessage()), cause);
        this.feature = feature;
    }

    public String feature() {
        return feature;
    }
}
