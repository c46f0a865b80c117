package dev.selfheal.bench.learn;

import dev.selfheal.demo.sim.cli.DurationText;
import dev.selfheal.recovery.Risk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads a {@link LearnWorld} from YAML (the bundled {@code learn-world.yaml} or {@code --world FILE}).
 * Every mistake is an {@link IllegalArgumentException} naming the file and the key path.
 */
public final class WorldFile {

    private final String source;

    private WorldFile(String source) {
        this.source = source;
    }

    public static LearnWorld bundled() {
        try (InputStream in = WorldFile.class.getResourceAsStream("learn-world.yaml")) {
            if (in == null) {
                throw new IllegalStateException("learn-world.yaml is missing from the bench's jar");
            }
            return parse("learn-world.yaml (bundled)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled learn-world.yaml: " + e.getMessage(), e);
        }
    }

    public static LearnWorld read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read world file %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    public static LearnWorld parse(String source, String yaml) {
        Object root;
        try {
            root = new Yaml().load(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("%s is not valid YAML: %s".formatted(source, e.getMessage()), e);
        }
        return new WorldFile(source).world(map(root, "(top level)", source));
    }

    private LearnWorld world(Map<String, Object> m) {
        Map<String, Object> limits = map(need(m, "limits", ""), "limits", source);
        LearnWorld.Limits lim = new LearnWorld.Limits(positiveInt(need(limits, "per_component", "limits."), "limits.per_component"),
                positiveInt(need(limits, "global", "limits."), "limits.global"), duration(need(limits, "window", "limits."), "limits.window"));
        Map<String, Risk> actions = new LinkedHashMap<>();
        map(need(m, "actions", ""), "actions", source).forEach((name, v) -> {
            Object risk = map(v, "actions." + name, source).get("risk");
            try {
                actions.put(name, Risk.valueOf(String.valueOf(risk).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw error("actions.%s.risk", "low, medium or high", risk, name);
            }
        });
        Map<String, Integer> kinds = new LinkedHashMap<>();
        map(need(m, "kinds", ""), "kinds", source).forEach((kind, n) -> kinds.put(kind, positiveInt(n, "kinds." + kind)));
        Map<String, LearnWorld.Fault> faults = new LinkedHashMap<>();
        map(need(m, "faults", ""), "faults", source).forEach((name, v) -> faults.put(name, fault(name, map(v, "faults." + name, source),
                actions, kinds)));
        List<LearnWorld.Change> changes = new ArrayList<>();
        Object rawChanges = m.getOrDefault("changes", List.of());
        if (!(rawChanges instanceof List<?> list)) {
            throw error("changes", "a list", rawChanges);
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "changes[" + i + "]";
            Map<String, Object> c = map(list.get(i), path, source);
            double at = share(need(c, "at", path + "."), path + ".at");
            String fault = String.valueOf(need(c, "fault", path + "."));
            String kind = String.valueOf(need(c, "kind", path + "."));
            if (!faults.containsKey(fault)) {
                throw error(path + ".fault", "one of " + faults.keySet(), fault);
            }
            if (!kinds.containsKey(kind)) {
                throw error(path + ".kind", "one of " + kinds.keySet(), kind);
            }
            changes.add(new LearnWorld.Change(at, fault, kind, odds(map(need(c, "odds", path + "."), path + ".odds", source),
                    path + ".odds", faults.get(fault).actions(), false)));
        }
        return new LearnWorld(positiveInt(m.getOrDefault("incidents", 600), "incidents"), share(m.getOrDefault("train", 0.2), "train"),
                duration(m.getOrDefault("escalation_cost", "15m"), "escalation_cost"), share(m.getOrDefault("noise", 0.2), "noise"),
                duration(m.getOrDefault("verification_window", "60s"), "verification_window"), lim, actions, kinds, faults, changes);
    }

    private LearnWorld.Fault fault(String name, Map<String, Object> f, Map<String, Risk> actions, Map<String, Integer> kinds) {
        String path = "faults." + name;
        double weight = f.containsKey("weight") ? number(f.get("weight"), path + ".weight") : 1;
        if (!(weight > 0)) {
            throw error(path + ".weight", "a positive number", weight);
        }
        Object rawActions = need(f, "actions", path + ".");
        if (!(rawActions instanceof List<?> list) || list.isEmpty()) {
            throw error(path + ".actions", "a non-empty list of action names", rawActions);
        }
        List<String> names = list.stream().map(String::valueOf).toList();
        for (String a : names) {
            if (!actions.containsKey(a)) {
                throw error(path + ".actions", "names from actions: " + actions.keySet(), a);
            }
        }
        Map<String, Object> byKind = map(need(f, "odds", path + "."), path + ".odds", source);
        Map<String, Map<String, LearnWorld.Odds>> odds = new LinkedHashMap<>();
        for (String kind : kinds.keySet()) {
            odds.put(kind, odds(map(need(byKind, kind, path + ".odds."), path + ".odds." + kind, source),
                    path + ".odds." + kind, names, true));
        }
        for (String kind : byKind.keySet()) {
            if (!kinds.containsKey(kind)) {
                throw error(path + ".odds." + kind, "a kind from kinds: " + kinds.keySet(), kind);
            }
        }
        return new LearnWorld.Fault(name, weight, names, odds);
    }

    private Map<String, LearnWorld.Odds> odds(Map<String, Object> m, String path, List<String> actions, boolean all) {
        Map<String, LearnWorld.Odds> odds = new LinkedHashMap<>();
        m.forEach((action, v) -> {
            if (!actions.contains(action)) {
                throw error(path + "." + action, "one of this fault's actions " + actions, action);
            }
            if (!(v instanceof List<?> pair) || pair.size() != 2) {
                throw error(path + "." + action, "[success probability, time] such as [0.9, 20s]", v);
            }
            double p = share(pair.get(0), path + "." + action + "[0]");
            odds.put(action, new LearnWorld.Odds(p, duration(pair.get(1), path + "." + action + "[1]")));
        });
        if (all) {
            for (String a : actions) {
                if (!odds.containsKey(a)) {
                    throw error(path, "odds for every action of the fault, " + actions, "none for " + a);
                }
            }
        }
        return odds;
    }

    private Object need(Map<String, Object> m, String key, String prefix) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("%s: %s%s is missing".formatted(source, prefix, key));
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, String path, String source) {
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("%s: %s must be a mapping, got %s".formatted(source, path, v));
        }
        return (Map<String, Object>) v;
    }

    private double number(Object v, String path) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw error(path, "a number", v);
    }

    private double share(Object v, String path) {
        double d = number(v, path);
        if (d < 0 || d > 1) {
            throw error(path, "a number from 0 to 1", v);
        }
        return d;
    }

    private int positiveInt(Object v, String path) {
        if (v instanceof Integer i && i > 0) {
            return i;
        }
        throw error(path, "a positive whole number", v);
    }

    private Duration duration(Object v, String path) {
        try {
            Duration d = DurationText.parse(path, String.valueOf(v));
            if (d.isZero()) {
                throw error(path, "a positive duration", v);
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw error(path, "a duration such as 20s, 2m or 1h", v);
        }
    }

    private IllegalArgumentException error(String path, String expected, Object got, Object... args) {
        return new IllegalArgumentException("%s: %s must be %s, got %s".formatted(source, path.formatted(args), expected, got));
    }
}
