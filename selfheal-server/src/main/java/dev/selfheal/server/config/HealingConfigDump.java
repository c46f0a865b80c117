package dev.selfheal.server.config;

import dev.selfheal.redaction.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code healing:} and {@code services:} parts of {@link ConfigDump}: the file's shape, secrets as {@code ***}. */
final class HealingConfigDump {

    private HealingConfigDump() { }

    static Map<String, Object> healing(HealingConfig h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interval", Durations.format(h.interval()));
        m.put("merge-window", Durations.format(h.mergeWindow()));
        m.put("dry-run", h.dryRun());
        m.put("allow-high-risk", h.allowHighRisk());
        m.put("verification", map("window", Durations.format(h.verificationWindow()), "poll", Durations.format(h.verificationPoll())));
        m.put("max-actions", map("per-component", h.limits().perComponent(), "global", h.limits().global(),
                "window", Durations.format(h.limits().window())));
        m.put("retry-interrupted", h.retryInterrupted());
        m.put("problems", map("groups", new LinkedHashMap<>(h.problemGroups()), "components", new LinkedHashMap<>(h.problemComponents())));
        Map<String, Object> mapping = new LinkedHashMap<>();
        h.mapping().forEach((type, names) -> mapping.put(type, new ArrayList<>(names)));
        m.put("mapping", mapping);
        Map<String, Object> actions = new LinkedHashMap<>();
        h.actions().forEach((name, o) -> {
            Map<String, Object> a = new LinkedHashMap<>();
            o.timeout().ifPresent(d -> a.put("timeout", Durations.format(d)));
            o.delayAfter().ifPresent(d -> a.put("delay-after", Durations.format(d)));
            o.risk().ifPresent(r -> a.put("risk", r));
            o.cooldown().ifPresent(d -> a.put("cooldown", Durations.format(d)));
            o.critical().ifPresent(b -> a.put("critical", b));
            o.approval().ifPresent(b -> a.put("approval", b));
            o.idempotent().ifPresent(b -> a.put("idempotent", b));
            actions.put(name, a);
        });
        m.put("actions", actions);
        List<Object> custom = new ArrayList<>();
        h.customActions().forEach(a -> custom.add(custom(a)));
        m.put("custom-actions", custom);
        h.scaler().ifPresent(s -> {
            Map<String, Object> scaler = s.command().map(HealingConfigDump::custom).or(() -> s.http().map(HealingConfigDump::custom)).orElseThrow();
            scaler.remove("name");
            scaler.remove("type");
            m.put("scaler", scaler);
        });
        Map<String, Object> degradation = map("hold-down", Durations.format(h.degradation().holdDown()),
                "host-resources", h.degradation().hostResources());
        h.degradation().pin().ifPresent(p -> degradation.put("pin", p));
        m.put("degradation", degradation);
        m.put("patterns", map("enabled", h.patterns().enabled(), "cascade-window", Durations.format(h.patterns().cascadeWindow()),
                "hold", Durations.format(h.patterns().hold())));
        var l = h.learning().settings();
        var a = h.learning().adaptiveLimits();
        Map<String, Object> metrics = new LinkedHashMap<>();
        a.metrics().forEach((kind, b) -> metrics.put(kind.key(), map("floor", b.floor(), "cap", b.cap())));
        m.put("learning", map("enabled", l.enabled(), "half-life", l.halfLife(), "explore", l.explore(),
                "adaptive-limits", map("quantile", a.quantile(), "margin", a.margin(), "min-samples", a.minSamples(),
                        "window", Durations.format(a.window()), "settle", Durations.format(a.settle()), "metrics", metrics)));
        return m;
    }

    static List<Object> services(List<ServiceConfig> services) {
        List<Object> list = new ArrayList<>();
        for (ServiceConfig s : services) {
            Map<String, Object> m = map("name", s.name(), "command", new ArrayList<>(s.command()));
            if (!s.env().isEmpty()) {
                m.put("env", new LinkedHashMap<>(Redaction.map(s.env())));
            }
            s.workingDir().ifPresent(d -> m.put("working-dir", d.toString()));
            m.put("stop-grace", Durations.format(s.stopGrace()));
            s.output().ifPresent(o -> m.put("output", o.toString()));
            m.put("check", s.check().<Object>map(c -> map("group", c.group(), "interval", Durations.format(c.interval()),
                    "failure-threshold", c.failureThreshold(), "success-threshold", c.successThreshold())).orElse(false));
            list.add(m);
        }
        return list;
    }

    /** Secret-named environment values and headers of services, custom actions and the scaler. */
    static void addSecrets(Config config, Set<String> secrets) {
        config.services().forEach(s -> secretValues(s.env(), secrets));
        List<HealingConfig.CustomAction> all = new ArrayList<>(config.healing().customActions());
        config.healing().scaler().ifPresent(s -> {
            s.command().ifPresent(all::add);
            s.http().ifPresent(all::add);
        });
        for (HealingConfig.CustomAction a : all) {
            switch (a) {
                case HealingConfig.CommandAction c -> secretValues(c.env(), secrets);
                case HealingConfig.HttpAction h -> secretValues(h.headers(), secrets);
            }
        }
    }

    private static void secretValues(Map<String, String> values, Set<String> secrets) {
        values.forEach((k, v) -> {
            if (Redaction.isSecretName(k)) {
                secrets.add(v);
                int space = v.indexOf(' ');
                if (space > 0) {
                    secrets.add(v.substring(space + 1).strip());
                }
            }
        });
    }

    private static Map<String, Object> custom(HealingConfig.CustomAction action) {
        return switch (action) {
            case HealingConfig.CommandAction c -> {
                Map<String, Object> m = map("name", c.name(), "type", "command", "command", new ArrayList<>(c.command()));
                if (!c.env().isEmpty()) {
                    m.put("env", new LinkedHashMap<>(Redaction.map(c.env())));
                }
                c.workingDir().ifPresent(d -> m.put("working-dir", d.toString()));
                m.put("timeout", Durations.format(c.timeout()));
                yield m;
            }
            case HealingConfig.HttpAction h -> {
                Map<String, Object> m = map("name", h.name(), "type", "http", "url", Redaction.url(h.url().toString()), "method", h.method());
                if (!h.headers().isEmpty()) {
                    m.put("headers", new LinkedHashMap<>(Redaction.map(h.headers())));
                }
                if (!h.body().isEmpty()) {
                    m.put("body", h.body());
                }
                m.put("timeout", Durations.format(h.timeout()));
                yield m;
            }
        };
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
