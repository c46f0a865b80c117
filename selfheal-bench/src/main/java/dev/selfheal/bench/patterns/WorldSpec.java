package dev.selfheal.bench.patterns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a generated world of the patterns bench looks like: read from YAML so that anyone can
 * run a world the generator was never tuned on. Every key is described in docs/patterns.md; a
 * missing key takes the bundled default, an unknown key or a bad value is an error naming it.
 */
public record WorldSpec(
        int minComponents, int maxComponents, int days,
        double parentChance, int maxParents, double unconfiguredShare,
        double cascadesPerDay, double propagation, Duration minLag, Duration maxLag, Duration maxDetectionDelay,
        int dailyRecurring, int weeklyRecurring, double recurringChance, Duration recurringJitter,
        double noisePerComponentPerDay, int coincidentPairs, double coincidencesPerDay, Duration coincidenceSpread,
        Duration healAfter) {

    private static final Set<String> KEYS = Set.of("components", "days", "graph", "cascades", "recurring", "noise", "coincidences", "healing");

    /** The bundled default world. */
    public static WorldSpec bundled() {
        return parse(bundledTree(), "bundled patterns-world.yaml");
    }

    /** A world from a YAML file; keys it leaves out take the bundled default. */
    public static WorldSpec read(Path file) {
        Object own;
        try {
            own = yaml().load(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot read the world: " + e.getMessage(), e);
        }
        if (!(own instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": a world is a YAML mapping");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (known: " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        return parse(merge(bundledTree(), map), file.toString());
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static Map<?, ?> bundledTree() {
        try (InputStream in = WorldSpec.class.getResourceAsStream("/patterns-world.yaml")) {
            return (Map<?, ?>) yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled patterns-world.yaml", e);
        }
    }

    private static Map<?, ?> merge(Map<?, ?> base, Map<?, ?> own) {
        Map<Object, Object> out = new LinkedHashMap<>(base);
        own.forEach((k, v) -> {
            Object b = out.get(k);
            out.put(k, b instanceof Map<?, ?> bm && v instanceof Map<?, ?> vm ? merge(bm, vm) : v);
        });
        return out;
    }

    private static WorldSpec parse(Map<?, ?> n, String where) {
        Reader r = new Reader(n, where);
        WorldSpec spec = new WorldSpec(
                r.integer("components.min", 2, 5000), r.integer("components.max", 2, 5000), r.integer("days", 7, 365),
                r.ratio("graph.parent_chance"), r.integer("graph.max_parents", 1, 10), r.ratio("graph.unconfigured_share"),
                r.number("cascades.per_day", 0, 1000), r.ratio("cascades.propagation"),
                r.duration("cascades.min_lag"), r.duration("cascades.max_lag"), r.duration("cascades.max_detection_delay"),
                r.integer("recurring.daily", 0, 1000), r.integer("recurring.weekly", 0, 1000), r.ratio("recurring.chance"),
                r.duration("recurring.jitter"),
                r.number("noise.per_component_per_day", 0, 1000),
                r.integer("coincidences.pairs", 0, 1000), r.number("coincidences.per_day", 0, 1000), r.duration("coincidences.spread"),
                r.duration("healing.heal_after"));
        if (spec.minComponents() > spec.maxComponents()) {
            throw new IllegalArgumentException(where + ": components.min (%d) is above components.max (%d)".formatted(spec.minComponents(), spec.maxComponents()));
        }
        if (spec.minLag().compareTo(spec.maxLag()) > 0) {
            throw new IllegalArgumentException(where + ": cascades.min_lag is above cascades.max_lag");
        }
        return spec;
    }

    /** Reads dotted keys with a clear message for what is missing or wrong. */
    private record Reader(Map<?, ?> root, String where) {
        private Object at(String key) {
            Object n = root;
            for (String part : key.split("\\.")) {
                n = n instanceof Map<?, ?> m ? m.get(part) : null;
            }
            if (n == null) {
                throw new IllegalArgumentException(where + ": missing key '" + key + "'");
            }
            return n;
        }

        double number(String key, double min, double max) {
            Object n = at(key);
            if (!(n instanceof Number x) || x.doubleValue() < min || x.doubleValue() > max) {
                throw new IllegalArgumentException("%s: '%s' must be a number in [%s, %s]: %s".formatted(where, key, min, max, n));
            }
            return x.doubleValue();
        }

        int integer(String key, int min, int max) {
            Object n = at(key);
            if (!(n instanceof Integer x) || x < min || x > max) {
                throw new IllegalArgumentException("%s: '%s' must be an integer in [%d, %d]: %s".formatted(where, key, min, max, n));
            }
            return x;
        }

        double ratio(String key) {
            return number(key, 0, 1);
        }

        Duration duration(String key) {
            Object n = at(key);
            try {
                Duration d = Duration.parse("PT" + String.valueOf(n).toUpperCase(java.util.Locale.ROOT));
                if (d.isNegative()) {
                    throw new IllegalArgumentException("negative");
                }
                return d;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("%s: '%s' must be a duration like 30s, 2m or 1h: %s".formatted(where, key, n));
            }
        }
    }
}
