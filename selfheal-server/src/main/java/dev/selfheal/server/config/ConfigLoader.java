package dev.selfheal.server.config;

import dev.selfheal.health.GroupPolicy;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.redaction.Redaction;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a daemon config file into a {@link Config}, or fails with every problem in it.
 *
 * <p>The file is read with SnakeYAML's node API rather than bound to classes, so that each
 * value keeps its line and column and a problem can say exactly where it is:
 * {@code checks[1].port (line 7, column 11): must be within 1-65535, got 70000}. Reading goes
 * on after a problem (with a default in place of the bad value), so one run lists them all;
 * nothing is returned unless there are none. Unknown keys are problems too, with the closest
 * known key suggested: a misspelt {@code failure-treshold} must not silently mean "default".
 *
 * <p>{@code ${VAR}} and {@code ${VAR:-default}} in values are replaced from the environment
 * given to the constructor, before the value is converted.
 */
public final class ConfigLoader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A loader that substitutes from this process's environment. */
    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    public Config load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem(file.toString(), 0, 0,
                    "cannot read the file: " + (e instanceof java.nio.file.NoSuchFileException ? "it does not exist" : e.toString()))));
        }
        return parse(new StringReader(text), file.toString());
    }

    /** Parses YAML text; {@code source} names it in the error (a file name, a resource). */
    public Config parse(Reader yaml, String source) {
        ParseContext ctx = new ParseContext(new EnvSubstitution(env));
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by MappingReader, with both lines
            options.setMaxAliasesForCollections(20);
            root = new Yaml(options).compose(yaml);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new ConfigException(source, List.of(new ConfigProblem("yaml", mark.getLine() + 1, mark.getColumn() + 1,
                    "not valid YAML: " + e.getProblem() + (e.getContext() != null ? " " + e.getContext() : ""))));
        } catch (YAMLException e) {
            throw new ConfigException(source, List.of(new ConfigProblem("yaml", 0, 0, "not valid YAML: " + e.getMessage())));
        }
        if (root == null) {
            throw new ConfigException(source, List.of(new ConfigProblem(source, 0, 0,
                    "the file is empty; expected the sections server, store, health and checks")));
        }
        MappingReader top = MappingReader.of("", root, ctx);
        MappingReader serverSection = top.section("server");
        ServerConfig server = server(serverSection);
        StoreConfig store = store(top.section("store"));
        HealthConfig health = health(top.section("health"));
        List<CheckConfig> checks = checks(top, ctx);
        HealingConfig healing = HealingConfigReader.read(top.section("healing"));
        List<ServiceConfig> services = ServicesReader.read(top, ctx, checks);
        IntegrationsConfig integrations = IntegrationsConfigReader.read(top.section("integrations"), checks, services);
        SecurityConfig security = SecurityConfigReader.read(top.section("security"));
        SecurityConfigReader.checkBind(serverSection, server, security);
        AlertingConfig alerting = AlertingConfigReader.read(top);
        PerformanceConfig performance = PerformanceConfigReader.read(top, integrations);
        ClusterConfig cluster = ClusterConfigReader.read(top, store);
        top.rejectUnknownKeys();
        if (!ctx.problems().isEmpty()) {
            throw new ConfigException(source, ctx.problems());
        }
        return new Config(server, store, health, checks, healing, services, integrations, security, alerting, performance, cluster);
    }

    private static ServerConfig server(MappingReader m) {
        String bind = m.text("bind", ServerConfig.DEFAULT_BIND);
        if (bind.isBlank()) {
            m.problem("bind", "must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0");
        }
        int port = m.integer("port", ServerConfig.DEFAULT_PORT, 0, 65_535);
        m.rejectUnknownKeys();
        return new ServerConfig(bind, port);
    }

    private static StoreConfig store(MappingReader m) {
        String url = m.text("url", StoreConfig.DEFAULT_URL);
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            m.problem("url", "must start with jdbc:sqlite: or jdbc:postgresql:, got '%s'".formatted(Redaction.url(url)));
        }
        Optional<String> user = m.text("user").filter(s -> !s.isEmpty());
        Optional<Secret> password = m.secret("password");
        int retention = m.integer("retention-days", StoreConfig.DEFAULT_RETENTION_DAYS, 1, 36_500);
        int minFreeSpaceMb = m.integer("min-free-space-mb", StoreConfig.DEFAULT_MIN_FREE_SPACE_MB, 0, 1 << 30);
        Optional<java.nio.file.Path> stateDir = m.path("state-dir");
        m.rejectUnknownKeys();
        return new StoreConfig(url, user, password, retention, minFreeSpaceMb, stateDir);
    }

    private static HealthConfig health(MappingReader m) {
        int maxConcurrent = m.integer("max-concurrent-checks", HealthConfig.DEFAULT_MAX_CONCURRENT_CHECKS, 1, 100_000);
        double jitter = m.decimal("jitter", HealthConfig.DEFAULT_JITTER, 0, 1);
        Map<String, GroupPolicy> groups = new LinkedHashMap<>(HealthSettings.DEFAULT_GROUPS);
        MappingReader configured = m.section("groups");
        for (String name : configured.keys()) {
            MappingReader group = configured.section(name);
            if (!NAME.matcher(name).matches()) {
                configured.problem(name, "group names are 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            String policy = group.text("policy", "worst").toUpperCase(Locale.ROOT);
            try {
                groups.put(name, GroupPolicy.valueOf(policy));
            } catch (IllegalArgumentException e) {
                group.problem("policy", "must be worst or majority, got '%s'".formatted(policy.toLowerCase(Locale.ROOT)));
            }
            group.rejectUnknownKeys();
        }
        m.rejectUnknownKeys();
        return new HealthConfig(maxConcurrent, jitter, groups);
    }

    private static List<CheckConfig> checks(MappingReader top, ParseContext ctx) {
        List<CheckConfig> checks = new ArrayList<>();
        Map<String, CheckConfig.Location> seen = new HashMap<>();
        for (MappingReader m : top.mappings("checks")) {
            Optional<String> name = m.requiredText("name");
            name.filter(n -> !NAME.matcher(n).matches()).ifPresent(n -> m.problem("name",
                    "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit, got '%s'".formatted(n)));
            CheckConfig.Location location = new CheckConfig.Location(m.path(), m.line(), m.column());
            name.ifPresent(n -> {
                CheckConfig.Location first = seen.putIfAbsent(n, location);
                if (first != null) {
                    m.problem("name", "duplicate check name '%s', first defined at %s".formatted(n, first));
                }
            });
            Optional<String> type = m.requiredText("type").map(t -> t.toLowerCase(Locale.ROOT));
            type.filter(t -> !CheckSpec.TYPES.contains(t)).ifPresent(t -> m.problem("type", "unknown check type '%s'%s; known types: %s"
                    .formatted(t, Suggestions.closest(t, CheckSpec.TYPES).map(s -> " (did you mean '" + s + "'?)").orElse(""),
                            String.join(", ", CheckSpec.TYPES))));
            String group = m.text("group", type.map(CheckSpecReader::defaultGroup).orElse("system"));
            if (!NAME.matcher(group).matches()) {
                m.problem("group", "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit, got '%s'".formatted(group));
            }
            Duration interval = m.duration("interval", Duration.ofSeconds(30), Duration.ofMillis(10));
            Duration timeout = m.duration("timeout", Duration.ofSeconds(5), Duration.ofMillis(1));
            int failureThreshold = m.integer("failure-threshold", 3, 1, 1_000);
            int successThreshold = m.integer("success-threshold", 2, 1, 1_000);
            Optional<CheckSpec> spec = type.filter(CheckSpec.TYPES::contains).flatMap(t -> CheckSpecReader.read(t, m));
            if (type.isPresent() && CheckSpec.TYPES.contains(type.get())) {
                m.rejectUnknownKeys(); // the keys of an unknown type are not known either; its type is the problem
            }
            if (name.isPresent() && spec.isPresent()) {
                checks.add(new CheckConfig(name.get(), group, interval, timeout, failureThreshold, successThreshold,
                        spec.get(), location));
            }
        }
        return checks;
    }
}
