package dev.selfheal.server.config;

import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardDefaults;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code integrations:} section: one guard per integration, each a validated
 * {@link GuardConfig}.
 *
 * @param defaultIntegrations whether the four default integrations (linear, github, slack, codegen) are
 *                   guarded with their default settings unless listed ({@code defaults: false} keeps only
 *                   the listed ones)
 * @param listed     the integrations the file names, in file order
 * @param guards     every guard the daemon builds: the default four (when {@code defaults}) and the listed
 *                   ones, by name
 */
public record IntegrationsConfig(boolean defaultIntegrations, Set<String> listed, Map<String, GuardConfig> guards) {

    public IntegrationsConfig {
        listed = Collections.unmodifiableSet(new TreeSet<>(listed));
        guards = Collections.unmodifiableMap(new LinkedHashMap<>(guards));
    }

    /** The name of an integration's guard health check (group {@code integrations}), e.g. {@code github-guard}. */
    public static String checkName(String integration) {
        return integration + "-guard";
    }

    /** No section: the four default integrations with their default settings. */
    public static IntegrationsConfig defaults() {
        return of(true, Map.of());
    }

    /** The default guards (when {@code withDefaults}) with {@code listed} replacing or adding to them. */
    static IntegrationsConfig of(boolean withDefaults, Map<String, GuardConfig> listed) {
        Map<String, GuardConfig> guards = new java.util.TreeMap<>();
        if (withDefaults) {
            GuardDefaults.defaultIntegrations().forEach(name -> guards.put(name, GuardConfig.defaults(name)));
        }
        guards.putAll(listed);
        return new IntegrationsConfig(withDefaults, listed.keySet(), guards);
    }
}
