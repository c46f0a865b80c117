package dev.selfheal.bench.learn;

import dev.selfheal.bench.WorldYaml;
import dev.selfheal.recovery.Risk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link LearnWorld} from YAML (the bundled {@code learn-world.yaml} or {@code --world FILE}).
 * Every mistake is an {@link IllegalArgumentException} naming the file and the key path ({@link WorldYaml}).
 */
public final class WorldFile {

    private final WorldYaml y;

    private WorldFile(String source) {
        this.y = new WorldYaml(source);
    }

    public static LearnWorld bundled() {
        return parse("learn-world.yaml (bundled)", WorldYaml.bundled(WorldFile.class, "learn-world.yaml"));
    }

    public static LearnWorld read(Path file) {
        return parse(file.toString(), WorldYaml.read(file));
    }

    public static LearnWorld parse(String source, String yaml) {
        WorldFile reader = new WorldFile(source);
        return reader.world(reader.y.load(yaml));
    }

    private LearnWorld world(Map<String, Object> m) {
        Map<String, Object> limits = map(need(m, "limits", ""), "limits");
        LearnWorld.Limits lim = new LearnWorld.Limits(positiveInt(need(limits, "per_component", "limits."), "limits.per_component"),
                positiveInt(need(limits, "global", "limits."), "limits.global"), duration(need(limits, "window", "limits."), "limits.window"));
        Map<String, Risk> actions = new LinkedHashMap<>();
        map(need(m, "actions", ""), "actions").forEach((name, v) -> {
            Object risk = map(v, "actions." + name).get("risk");
            try {
                actions.put(name, Risk.valueOf(String.valueOf(risk).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw error("actions.%s.risk", "low, medium or high", risk, name);
            }
        });
        Map<String, Integer> kinds = new LinkedHashMap<>();
        map(need(m, "kinds", ""), "kinds").forEach((kind, n) -> kinds.put(kind, positiveInt(n, "kinds." + kind)));
        Map<String, LearnWorld.Fault> faults = new LinkedHashMap<>();
        map(need(m, "faults", ""), "faults").forEach((name, v) -> faults.put(name, fault(name, map(v, "faults." + name),
                actions, kinds)));
        List<LearnWorld.Change> changes = new ArrayList<>();
        Object rawChanges = m.getOrDefault("changes", List.of());
        if (!(rawChanges instanceof List<?> list)) {
            throw error("changes", "a list", rawChanges);
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "changes[" + i + "]";
            Map<String, Object> c = map(list.get(i), path);
            double at = share(need(c, "at", path + "."), path + ".at");
            String fault = String.valueOf(need(c, "fault", path + "."));
            String kind = String.valueOf(need(c, "kind", path + "."));
            if (!faults.containsKey(fault)) {
                throw error(path + ".fault", "one of " + faults.keySet(), fault);
            }
            if (!kinds.containsKey(kind)) {
                throw error(path + ".kind", "one of " + kinds.keySet(), kind);
            }
            changes.add(new LearnWorld.Change(at, fault, kind, odds(map(need(c, "odds", path + "."), path + ".odds"),
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
        Map<String, Object> byKind = map(need(f, "odds", path + "."), path + ".odds");
        Map<String, Map<String, LearnWorld.Odds>> odds = new LinkedHashMap<>();
        for (String kind : kinds.keySet()) {
            odds.put(kind, odds(map(need(byKind, kind, path + ".odds."), path + ".odds." + kind),
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
        return y.need(m, key, prefix);
    }

    private Map<String, Object> map(Object v, String path) {
        return y.map(v, path);
    }

    private double number(Object v, String path) {
        return y.number(v, path);
    }

    private double share(Object v, String path) {
        return y.share(v, path);
    }

    private int positiveInt(Object v, String path) {
        return y.positiveInt(v, path);
    }

    private Duration duration(Object v, String path) {
        return y.duration(v, path);
    }

    private IllegalArgumentException error(String path, String expected, Object got, Object... args) {
        return y.error(path.formatted(args), expected, got);
    }
}
