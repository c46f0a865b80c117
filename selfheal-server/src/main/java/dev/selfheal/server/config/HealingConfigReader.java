package dev.selfheal.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code healing:} section. Action and problem-type names are checked here (a typo
 * in a mapping must not silently mean "no action"), with the closest known name suggested.
 */
final class HealingConfigReader {

    /** The built-in actions the catalog knows, whether or not the daemon can register them. */
    static final List<String> BUILT_IN_ACTIONS = List.of("restart_service", "restart_integration", "clear_cache",
            "scale_resources", "enable_degradation", "failover_database", "clear_dead_connections", "garbage_collect");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final List<String> RISKS = List.of("low", "medium", "high");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private HealingConfigReader() { }

    static HealingConfig read(MappingReader m) {
        HealingConfig d = HealingConfig.defaults();
        Duration interval = m.duration("interval", d.interval(), Duration.ofMillis(100));
        Duration mergeWindow = m.duration("merge-window", d.mergeWindow(), Duration.ofSeconds(1));
        boolean dryRun = m.bool("dry-run", false);
        boolean allowHighRisk = m.bool("allow-high-risk", false);
        MappingReader verification = m.section("verification");
        Duration window = verification.duration("window", d.verificationWindow(), Duration.ofMillis(100));
        Duration poll = verification.duration("poll", d.verificationPoll(), Duration.ofMillis(10));
        verification.rejectUnknownKeys();
        HealingConfig.Limits limits = limits(m.section("max-actions"));
        boolean retryInterrupted = m.bool("retry-interrupted", false);

        MappingReader problems = m.section("problems");
        Map<String, String> groups = problemTypes(problems, "groups");
        Map<String, String> components = problemTypes(problems, "components");
        problems.rejectUnknownKeys();

        List<HealingConfig.CustomAction> custom = customActions(m);
        Set<String> known = new LinkedHashSet<>(BUILT_IN_ACTIONS);
        custom.forEach(a -> known.add(a.name()));
        Map<String, List<String>> mapping = mapping(m.section("mapping"), known);
        Map<String, HealingConfig.ActionOverride> actions = actionSettings(m.section("actions"), known);
        Optional<HealingConfig.Scaler> scaler = scaler(m);
        HealingConfig.Degradation degradation = degradation(m.section("degradation"));
        HealingConfig.Patterns patterns = patterns(m.section("patterns"));
        HealingConfig.Learning learning = LearningConfigReader.read(m.section("learning"));
        m.rejectUnknownKeys();
        return new HealingConfig(interval, mergeWindow, dryRun, allowHighRisk, window, poll, limits, retryInterrupted,
                groups, components, mapping, actions, custom, scaler, degradation, patterns, learning);
    }

    private static HealingConfig.Limits limits(MappingReader m) {
        HealingConfig.Limits d = HealingConfig.Limits.DEFAULT;
        int perComponent = m.integer("per-component", d.perComponent(), 1, 10_000);
        int global = m.integer("global", d.global(), 1, 100_000);
        Duration window = m.duration("window", d.window(), Duration.ofSeconds(1));
        m.rejectUnknownKeys();
        return new HealingConfig.Limits(perComponent, global, window);
    }

    private static Map<String, String> problemTypes(MappingReader problems, String key) {
        Map<String, String> types = new LinkedHashMap<>();
        MappingReader m = problems.section(key);
        for (String name : m.keys()) {
            m.text(name).ifPresent(type -> {
                if (identifier(m, name, type, "problem type")) {
                    types.put(name, type);
                }
            });
        }
        return types;
    }

    private static Map<String, List<String>> mapping(MappingReader m, Set<String> known) {
        Map<String, List<String>> mapping = new LinkedHashMap<>();
        for (String type : m.keys()) {
            List<String> names = m.textList(type);
            if (!IDENTIFIER.matcher(type).matches()) {
                m.problem(type, "problem types are 1-64 lower-case letters, digits or '_', starting with a letter, got '%s'".formatted(type));
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (!known.contains(name)) {
                    m.problem(type, "unknown action '%s' at position %d%s; known actions: %s".formatted(name, i,
                            Suggestions.closest(name, known).map(s -> " (did you mean '" + s + "'?)").orElse(""), String.join(", ", known)));
                    ok = false;
                }
            }
            if (ok) {
                mapping.put(type, names);
            }
        }
        return mapping;
    }

    private static Map<String, HealingConfig.ActionOverride> actionSettings(MappingReader section, Set<String> known) {
        Map<String, HealingConfig.ActionOverride> actions = new LinkedHashMap<>();
        for (String name : section.keys()) {
            MappingReader m = section.section(name);
            if (!known.contains(name)) {
                section.problem(name, "unknown action '%s'%s; known actions: %s".formatted(name,
                        Suggestions.closest(name, known).map(s -> " (did you mean '" + s + "'?)").orElse(""), String.join(", ", known)));
            }
            Optional<Duration> timeout = m.optionalDuration("timeout", Duration.ofMillis(1));
            Optional<Duration> delayAfter = m.optionalDuration("delay-after", Duration.ZERO);
            Optional<String> risk = m.text("risk").map(r -> r.strip().toLowerCase(Locale.ROOT));
            risk.filter(r -> !RISKS.contains(r)).ifPresent(r -> m.problem("risk", "must be low, medium or high, got '%s'".formatted(r)));
            Optional<Duration> cooldown = m.optionalDuration("cooldown", Duration.ZERO);
            Optional<Boolean> critical = m.optionalBool("critical");
            Optional<Boolean> approval = m.optionalBool("approval");
            Optional<Boolean> idempotent = m.optionalBool("idempotent");
            m.rejectUnknownKeys();
            actions.put(name, new HealingConfig.ActionOverride(timeout, delayAfter, risk.filter(RISKS::contains), cooldown,
                    critical, approval, idempotent));
        }
        return actions;
    }

    private static List<HealingConfig.CustomAction> customActions(MappingReader top) {
        List<HealingConfig.CustomAction> actions = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (MappingReader m : top.mappings("custom-actions")) {
            Optional<String> name = m.requiredText("name").filter(n -> identifier(m, "name", n, "action name"));
            name.filter(BUILT_IN_ACTIONS::contains).ifPresent(n -> m.problem("name",
                    "'%s' is a built-in action; give the custom action another name".formatted(n)));
            name.ifPresent(n -> {
                String first = seen.putIfAbsent(n, "%s (line %d)".formatted(m.path(), m.line()));
                if (first != null) {
                    m.problem("name", "duplicate action name '%s', first defined at %s".formatted(n, first));
                }
            });
            Optional<String> type = m.requiredText("type").map(t -> t.strip().toLowerCase(Locale.ROOT));
            type.filter(t -> !t.equals("command") && !t.equals("http")).ifPresent(t ->
                    m.problem("type", "must be command or http, got '%s'".formatted(t)));
            Optional<? extends HealingConfig.CustomAction> action = type.flatMap(t -> switch (t) {
                case "command" -> command(m, name.orElse("?"));
                case "http" -> http(m, name.orElse("?"));
                default -> Optional.empty();
            });
            if (type.filter(t -> t.equals("command") || t.equals("http")).isPresent()) {
                m.rejectUnknownKeys();
            }
            if (name.isPresent() && !BUILT_IN_ACTIONS.contains(name.get())) {
                action.ifPresent(actions::add);
            }
        }
        return actions;
    }

    private static Optional<HealingConfig.CommandAction> command(MappingReader m, String name) {
        boolean present = m.has("command");
        List<String> argv = m.textList("command");
        if (!present) {
            m.missing("command");
        } else if (argv.isEmpty() || argv.getFirst().isBlank()) {
            m.problem("command", "must name the program to run, e.g. [\"/usr/local/bin/flush-queue\", \"--all\"]");
        }
        Map<String, String> env = m.textMap("env");
        Optional<Path> workingDir = m.path("working-dir");
        Duration timeout = m.duration("timeout", Duration.ofSeconds(30), Duration.ofMillis(1));
        return argv.isEmpty() || argv.getFirst().isBlank() ? Optional.empty()
                : Optional.of(new HealingConfig.CommandAction(name, argv, env, workingDir, timeout));
    }

    private static Optional<HealingConfig.HttpAction> http(MappingReader m, String name) {
        Optional<URI> url = m.requiredHttpUrl("url");
        String method = m.text("method", "POST").strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            m.problem("method", "must be one of GET, POST, PUT, PATCH or DELETE, got '%s'".formatted(method));
        }
        Map<String, String> headers = m.textMap("headers");
        String body = m.text("body", "");
        Duration timeout = m.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(1));
        return url.isPresent() && METHODS.contains(method)
                ? Optional.of(new HealingConfig.HttpAction(name, url.get(), method, headers, body, timeout)) : Optional.empty();
    }

    private static Optional<HealingConfig.Scaler> scaler(MappingReader top) {
        if (!top.has("scaler")) {
            return Optional.empty();
        }
        MappingReader m = top.section("scaler");
        boolean hasCommand = m.has("command");
        boolean hasUrl = m.has("url");
        if (hasCommand == hasUrl) {
            m.problemHere("the scaler needs exactly one of 'command' (argv) or 'url' (an HTTP hook)" + (hasCommand ? ", got both" : ", got neither"));
            m.text("method");
            m.node("headers");
            m.node("body");
            m.node("env");
            m.node("working-dir");
            m.node("timeout");
            m.rejectUnknownKeys();
            return Optional.empty();
        }
        Optional<HealingConfig.Scaler> scaler = hasCommand
                ? command(m, "scale_resources").map(c -> new HealingConfig.Scaler(Optional.of(c), Optional.empty()))
                : http(m, "scale_resources").map(h -> new HealingConfig.Scaler(Optional.empty(), Optional.of(h)));
        m.rejectUnknownKeys();
        return scaler;
    }

    private static HealingConfig.Patterns patterns(MappingReader m) {
        HealingConfig.Patterns d = HealingConfig.Patterns.DEFAULT;
        boolean enabled = m.bool("enabled", d.enabled());
        Duration window = m.duration("cascade-window", d.cascadeWindow(), Duration.ofSeconds(1));
        Duration hold = m.duration("hold", d.hold(), Duration.ZERO);
        m.rejectUnknownKeys();
        return new HealingConfig.Patterns(enabled, window, hold);
    }

    private static HealingConfig.Degradation degradation(MappingReader m) {
        HealingConfig.Degradation d = HealingConfig.Degradation.DEFAULT;
        Duration holdDown = m.duration("hold-down", d.holdDown(), Duration.ZERO);
        Optional<Integer> pin = m.optionalInteger("pin", 0, 4);
        boolean hostResources = m.bool("host-resources", d.hostResources());
        m.rejectUnknownKeys();
        return new HealingConfig.Degradation(holdDown, pin, hostResources);
    }

    private static boolean identifier(MappingReader m, String key, String value, String what) {
        if (IDENTIFIER.matcher(value).matches()) {
            return true;
        }
        m.problem(key, "%ss are 1-64 lower-case letters, digits or '_', starting with a letter, got '%s'".formatted(what, value));
        return false;
    }
}
