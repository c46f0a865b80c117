package dev.selfheal.server.config;

import dev.selfheal.redaction.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The config as plain maps and lists in the file's own shape, with every secret shown as
 * {@code ***}: for {@code check-config --print}, the API and logs. Also the list of secret
 * values, so that the daemon can mask them wherever else they might turn up.
 */
public final class ConfigDump {

    private ConfigDump() { }

    /** The redacted config as YAML. */
    public static String yaml(Config config) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return new Yaml(options).dump(tree(config));
    }

    /** The redacted config as nested maps and lists of strings and numbers. */
    public static Map<String, Object> tree(Config config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("server", ordered("port", config.server().port(), "bind", config.server().bind()));
        Map<String, Object> store = ordered("url", Redaction.url(config.store().url()));
        config.store().user().ifPresent(u -> store.put("user", u));
        config.store().password().ifPresent(p -> store.put("password", Secret.MASK));
        store.put("retention-days", config.store().retentionDays());
        root.put("store", store);
        Map<String, Object> groups = new LinkedHashMap<>();
        config.health().groups().forEach((name, policy) -> groups.put(name, ordered("policy", policy.name().toLowerCase(Locale.ROOT))));
        root.put("health", ordered("max-concurrent-checks", config.health().maxConcurrentChecks(),
                "jitter", config.health().jitter(), "groups", groups));
        List<Object> checks = new ArrayList<>();
        config.checks().forEach(c -> checks.add(check(c)));
        root.put("checks", checks);
        root.put("services", HealingConfigDump.services(config.services()));
        root.put("healing", HealingConfigDump.healing(config.healing()));
        root.put("integrations", IntegrationsConfigDump.integrations(config.integrations()));
        root.put("security", security(config.security()));
        root.put("alerting", AlertingDump.tree(config.alerting()));
        root.put("performance", PerformanceDump.tree(config.performance()));
        return root;
    }

    /** Token names and roles; the digests as {@code ***} (a digest of a weak token can be guessed offline). */
    private static Map<String, Object> security(SecurityConfig security) {
        List<Object> tokens = new ArrayList<>();
        security.tokens().forEach(t -> tokens.add(ordered("name", t.name(), "role", t.role().label(), "token-sha256", Secret.MASK)));
        return ordered("tokens", tokens, "public-metrics", security.publicMetrics());
    }

    private static Map<String, Object> check(CheckConfig c) {
        Map<String, Object> m = ordered("name", c.name(), "type", c.type(), "group", c.group(),
                "interval", Durations.format(c.interval()), "timeout", Durations.format(c.timeout()),
                "failure-threshold", c.failureThreshold(), "success-threshold", c.successThreshold());
        switch (c.spec()) {
            case CheckSpec.Http h -> {
                m.put("url", Redaction.url(h.url().toString()));
                m.put("method", h.method());
                if (!h.headers().isEmpty()) {
                    m.put("headers", new LinkedHashMap<>(Redaction.map(h.headers())));
                }
                m.put("expected-status", h.expectedStatusMin() == h.expectedStatusMax()
                        ? Integer.toString(h.expectedStatusMin()) : h.expectedStatusMin() + "-" + h.expectedStatusMax());
                h.bodyContains().ifPresent(b -> m.put("body-contains", b));
                h.degradedAfter().ifPresent(d -> m.put("degraded-after", Durations.format(d)));
            }
            case CheckSpec.Tcp t -> {
                m.put("host", t.host());
                m.put("port", t.port());
            }
            case CheckSpec.Jdbc j -> {
                m.put("url", Redaction.url(j.url()));
                j.user().ifPresent(u -> m.put("user", u));
                j.password().ifPresent(p -> m.put("password", Secret.MASK));
                m.put("query", j.query());
            }
            case CheckSpec.Process p -> {
                p.pidFile().ifPresent(f -> m.put("pid-file", f.toString()));
                p.commandLine().ifPresent(r -> m.put("command-line", r.pattern()));
            }
            case CheckSpec.Command cmd -> {
                m.put("command", new ArrayList<>(cmd.command()));
                if (!cmd.environment().isEmpty()) {
                    m.put("env", new LinkedHashMap<>(Redaction.map(cmd.environment())));
                }
                cmd.workingDirectory().ifPresent(d -> m.put("working-dir", d.toString()));
                if (!cmd.degradedExitCodes().isEmpty()) {
                    m.put("degraded-exit-codes", cmd.degradedExitCodes().stream().sorted().toList());
                }
            }
            case CheckSpec.Jvm j -> {
                m.put("heap-used-degraded", j.heapUsedDegraded());
                m.put("heap-used-unhealthy", j.heapUsedUnhealthy());
                m.put("gc-overhead-degraded", j.gcOverheadDegraded());
                m.put("gc-overhead-unhealthy", j.gcOverheadUnhealthy());
            }
            case CheckSpec.Disk d -> {
                m.put("path", d.path().toString());
                m.put("free-ratio-degraded", d.freeRatioDegraded());
                m.put("free-ratio-unhealthy", d.freeRatioUnhealthy());
            }
            case CheckSpec.SystemLoad s -> {
                m.put("cpu-load-degraded", s.cpuLoadDegraded());
                m.put("cpu-load-unhealthy", s.cpuLoadUnhealthy());
                m.put("memory-used-degraded", s.memoryUsedDegraded());
                m.put("memory-used-unhealthy", s.memoryUsedUnhealthy());
            }
        }
        return m;
    }

    /**
     * Every secret value in the config (passwords, secret-named headers and environment
     * variables, the secrets inside URLs), so that the daemon can mask them in text it did not write itself: an error
     * message from a driver, a check's output.
     */
    public static Set<String> secretValues(Config config) {
        Set<String> secrets = new LinkedHashSet<>();
        config.store().password().ifPresent(p -> secrets.add(p.reveal()));
        secrets.addAll(Redaction.secretsIn(config.store().url()));
        for (CheckConfig c : config.checks()) {
            switch (c.spec()) {
                case CheckSpec.Http h -> {
                    secrets.addAll(Redaction.secretsIn(h.url().toString()));
                    h.headers().forEach((k, v) -> {
                        if (Redaction.isSecretName(k)) {
                            secrets.add(v);
                            int space = v.indexOf(' '); // "Bearer abc": the credential alone, too
                            if (space > 0) {
                                secrets.add(v.substring(space + 1).strip());
                            }
                        }
                    });
                }
                case CheckSpec.Jdbc j -> {
                    j.password().ifPresent(p -> secrets.add(p.reveal()));
                    secrets.addAll(Redaction.secretsIn(j.url()));
                }
                case CheckSpec.Command cmd -> cmd.environment().forEach((k, v) -> {
                    if (Redaction.isSecretName(k)) {
                        secrets.add(v);
                    }
                });
                default -> { }
            }
        }
        HealingConfigDump.addSecrets(config, secrets);
        config.security().tokens().forEach(t -> secrets.add(t.sha256Hex()));
        AlertingDump.secrets(config.alerting(), secrets);
        secrets.removeIf(s -> s.length() < 4); // masking "ab" everywhere would garble every message
        return secrets;
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
