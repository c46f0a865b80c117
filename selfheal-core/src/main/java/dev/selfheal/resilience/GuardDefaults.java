package dev.selfheal.resilience;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The seed's breaker figures per integration (IntegrationCircuitBreaker), and the default for any other. */
public final class GuardDefaults {

    /** Any integration the seed does not name: 5 failures, 60 s. */
    public static final BreakerSettings OTHER = BreakerSettings.consecutiveFailures(5, Duration.ofSeconds(60));

    private static final Map<String, BreakerSettings> SEED = Map.of(
            "linear", BreakerSettings.consecutiveFailures(3, Duration.ofSeconds(30)),
            "github", BreakerSettings.consecutiveFailures(5, Duration.ofSeconds(60)),
            "slack", BreakerSettings.consecutiveFailures(3, Duration.ofSeconds(30)),
            "codegen", BreakerSettings.consecutiveFailures(2, Duration.ofSeconds(120)));

    private GuardDefaults() { }

    public static BreakerSettings breakerFor(String integration) {
        return SEED.getOrDefault(integration.toLowerCase(Locale.ROOT), OTHER);
    }

    /** The four integrations the seed configures. */
    public static java.util.Set<String> seedIntegrations() {
        return new java.util.TreeSet<>(SEED.keySet());
    }
}
