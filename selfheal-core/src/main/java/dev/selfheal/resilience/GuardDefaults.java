package dev.selfheal.resilience;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The default breaker figures of the four Contexten integrations, and the default for any other. */
public final class GuardDefaults {

    /** Any other integration: 5 failures, 60 s. */
    public static final BreakerSettings OTHER = BreakerSettings.consecutiveFailures(5, Duration.ofSeconds(60));

    private static final Map<String, BreakerSettings> BREAKERS = Map.of(
            "linear", BreakerSettings.consecutiveFailures(3, Duration.ofSeconds(30)),
            "github", BreakerSettings.consecutiveFailures(5, Duration.ofSeconds(60)),
            "slack", BreakerSettings.consecutiveFailures(3, Duration.ofSeconds(30)),
            "codegen", BreakerSettings.consecutiveFailures(2, Duration.ofSeconds(120)));

    private GuardDefaults() { }

    public static BreakerSettings breakerFor(String integration) {
        return BREAKERS.getOrDefault(integration.toLowerCase(Locale.ROOT), OTHER);
    }

    /** The four integrations guarded by default: linear, github, slack, codegen. */
    public static java.util.Set<String> defaultIntegrations() {
        return new java.util.TreeSet<>(BREAKERS.keySet());
    }
}
