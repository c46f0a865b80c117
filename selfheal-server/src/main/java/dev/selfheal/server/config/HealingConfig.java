package dev.selfheal.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code healing:} section: how the daemon plans, limits, executes and verifies recovery,
 * and how it degrades. Every value has a default; see docs/config.md.
 *
 * @param interval            the healing cycle (default 10s; after a failed cycle it waits twice as long)
 * @param mergeWindow         problems on one component within this window join one incident (default 5m)
 * @param dryRun              plan and journal, but execute nothing
 * @param allowHighRisk       run actions that need approval without waiting for it
 * @param verificationWindow  how long a component has to pass its checks after a step (default 60s)
 * @param verificationPoll    how often its checks are run meanwhile (default 5s)
 * @param limits              the remediation breaker: actions per component and overall within a window
 * @param retryInterrupted    after a crash, retry an interrupted step when its action is idempotent
 * @param problemGroups       check group → problem type, over the defaults
 * @param problemComponents   component → problem type, over the defaults
 * @param mapping             problem type → action names, replacing the default list for that type
 * @param actions             per-action settings (built-in or custom), by action name
 * @param customActions       {@code command} and {@code http} actions, by name
 * @param scaler              what {@code scale_resources} calls, if anything
 * @param degradation         hold-down, a level pinned at start, whether host CPU and memory count
 * @param patterns            failure pattern analysis and cascade grouping
 * @param learning            the learned plan order and the adaptive performance limits ({@code learning:})
 */
public record HealingConfig(
        Duration interval,
        Duration mergeWindow,
        boolean dryRun,
        boolean allowHighRisk,
        Duration verificationWindow,
        Duration verificationPoll,
        Limits limits,
        boolean retryInterrupted,
        Map<String, String> problemGroups,
        Map<String, String> problemComponents,
        Map<String, List<String>> mapping,
        Map<String, ActionOverride> actions,
        List<CustomAction> customActions,
        Optional<Scaler> scaler,
        Degradation degradation,
        Patterns patterns,
        Learning learning) {

    public HealingConfig {
        problemGroups = Map.copyOf(problemGroups);
        problemComponents = Map.copyOf(problemComponents);
        mapping = Map.copyOf(mapping);
        actions = Map.copyOf(actions);
        customActions = List.copyOf(customActions);
    }

    /** The defaults: what a config without {@code healing:} gets. */
    public static HealingConfig defaults() {
        return new HealingConfig(Duration.ofSeconds(10), Duration.ofMinutes(5), false, false, Duration.ofSeconds(60),
                Duration.ofSeconds(5), Limits.DEFAULT, false, Map.of(), Map.of(), Map.of(), Map.of(), List.of(),
                Optional.empty(), Degradation.DEFAULT, Patterns.DEFAULT, Learning.DEFAULT);
    }

    /**
     * {@code healing.learning}: whether and how plans are ordered by what recoveries did
     * (docs/learning.md), and which performance limits are learned from normal behaviour.
     */
    public record Learning(dev.selfheal.learning.LearningSettings settings, dev.selfheal.learning.AdaptiveLimitSettings adaptiveLimits) {
        public static final Learning DEFAULT = new Learning(dev.selfheal.learning.LearningSettings.defaults(),
                dev.selfheal.learning.AdaptiveLimitSettings.none());
    }

    /** At most {@code perComponent} actions on one component and {@code global} overall within {@code window}. */
    public record Limits(int perComponent, int global, Duration window) {
        public static final Limits DEFAULT = new Limits(3, 20, Duration.ofMinutes(15));
    }

    /** Settings of one action; what is absent keeps the action's own default. */
    public record ActionOverride(Optional<Duration> timeout, Optional<Duration> delayAfter, Optional<String> risk,
                                 Optional<Duration> cooldown, Optional<Boolean> critical, Optional<Boolean> approval,
                                 Optional<Boolean> idempotent) { }

    /** A configured action: a command or a webhook. */
    public sealed interface CustomAction {
        String name();

        /** The {@code type:} the file gives it. */
        String type();
    }

    /** Runs {@code command} (argv, no shell) with {@code env}; exit 0 is success; killed after {@code timeout}. */
    public record CommandAction(String name, List<String> command, Map<String, String> env, Optional<Path> workingDir,
                                Duration timeout) implements CustomAction {
        public CommandAction {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }

        @Override
        public String type() {
            return "command";
        }
    }

    /** Calls {@code url}; a 2xx answer is success. {@code ${incident}} and {@code ${component}} in the body are filled in. */
    public record HttpAction(String name, URI url, String method, Map<String, String> headers, String body, Duration timeout)
            implements CustomAction {
        public HttpAction {
            headers = Map.copyOf(headers);
        }

        @Override
        public String type() {
            return "http";
        }
    }

    /** What {@code scale_resources} runs: exactly one of a command or an HTTP hook. */
    public record Scaler(Optional<CommandAction> command, Optional<HttpAction> http) { }

    /**
     * @param holdDown      how long the score must stay lower before the level steps down by one (default 60s)
     * @param pin           a level (0-4) held from start until unpinned through the API
     * @param hostResources count this host's CPU and memory use in the score (default true)
     */
    public record Degradation(Duration holdDown, Optional<Integer> pin, boolean hostResources) {
        public static final Degradation DEFAULT = new Degradation(Duration.ofSeconds(60), Optional.empty(), true);
    }

    /**
     * {@code healing.patterns}: whether failures are analysed for patterns (kept in the store) and
     * a cascade made one incident; how long after an incident's last signal a related failure still
     * joins it; how long a new incident on a component with a known cause waits for its root.
     */
    public record Patterns(boolean enabled, Duration cascadeWindow, Duration hold) {
        public static final Patterns DEFAULT = new Patterns(true, Duration.ofMinutes(2), Duration.ofSeconds(5));
    }
}
