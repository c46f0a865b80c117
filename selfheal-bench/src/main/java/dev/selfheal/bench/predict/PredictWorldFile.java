package dev.selfheal.bench.predict;

import dev.selfheal.bench.WorldYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link PredictWorld} from YAML: the bundled {@code predict-world.yaml} or
 * {@code --world FILE}. Keys are described in docs/benchmarks.md; every mistake names the file
 * and the key path ({@link WorldYaml}), and an unknown key is a mistake, not a silent default.
 *
 * <pre>
 * action_duration: 30s
 * faults_per_kind: 5
 * normal_days: 4
 * faults:
 *   leak-linear: {shape: leak, base: [0.2, 0.5], noise: [0.003, 0.02], onset: [1h, 2h], to_fail: [20m, 4h]}
 * normal:
 *   normal-bursts: {shape: bursts, base: [0.2, 0.35], calm: [2h, 6h], rise: [15m, 30m], peak: [0.6, 0.85], drain: 10m, noise: 0.01}
 * </pre>
 *
 * A parameter is a single value or a range {@code [low, high]} drawn uniformly per resource
 * (per burst, per step for the repeating shapes); durations are written {@code 10s}, {@code 20m},
 * {@code 4h} and held in readings of {@value PredictWorld#STEP_S} s.
 */
final class PredictWorldFile {

    private static final Set<String> TOP = Set.of("action_duration", "faults_per_kind", "normal_days", "faults", "normal");
    private final WorldYaml y;

    private PredictWorldFile(String source) {
        this.y = new WorldYaml(source);
    }

    static PredictWorld bundled() {
        return parse("predict-world.yaml (bundled)", WorldYaml.bundled(PredictWorldFile.class, "predict-world.yaml"));
    }

    static PredictWorld read(Path file) {
        return parse(file.toString(), WorldYaml.read(file));
    }

    static PredictWorld parse(String source, String yaml) {
        PredictWorldFile reader = new PredictWorldFile(source);
        return reader.world(reader.y.load(yaml));
    }

    private PredictWorld world(Map<String, Object> m) {
        y.onlyKnown(m, "", TOP);
        Duration action = y.duration(m.getOrDefault("action_duration", "30s"), "action_duration");
        int perKind = y.positiveInt(m.getOrDefault("faults_per_kind", 5), "faults_per_kind");
        double days = y.number(m.getOrDefault("normal_days", 4), "normal_days");
        if (!(days > 0 && days <= 60)) {
            throw y.error("normal_days", "a number of days above 0 and at most 60", days);
        }
        List<Shape> faults = shapes(m, "faults", true);
        List<Shape> normals = shapes(m, "normal", false);
        if (faults.isEmpty() || normals.isEmpty()) {
            throw y.error(faults.isEmpty() ? "faults" : "normal", "at least one resource", "none");
        }
        return new PredictWorld(y.source(), action, perKind, days, faults, normals);
    }

    private List<Shape> shapes(Map<String, Object> m, String key, boolean fault) {
        List<Shape> shapes = new ArrayList<>();
        y.map(y.need(m, key, ""), key).forEach((name, v) -> shapes.add(shape(key + "." + name, name, y.map(v, key + "." + name), fault)));
        return shapes;
    }

    private Shape shape(String path, String name, Map<String, Object> m, boolean fault) {
        Object rawType = y.need(m, "shape", path + ".");
        Shape.Type type;
        try {
            type = Shape.Type.valueOf(String.valueOf(rawType).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw y.error(path + ".shape", "one of " + typeNames(), rawType);
        }
        if (type.fault != fault) {
            throw y.error(path + ".shape", fault ? "a fault shape (under faults): " + typeNames(true)
                    : "a normal shape (under normal): " + typeNames(false), rawType);
        }
        Set<String> known = new LinkedHashSet<>(type.keys);
        known.add("shape");
        y.onlyKnown(m, path + ".", known);
        Map<String, Shape.Range> params = new LinkedHashMap<>();
        for (String key : type.keys) {
            Object v = m.get(key);
            if (v == null) {
                Shape.Range d = Shape.DEFAULTS.get(key);
                if (d == null) {
                    throw new IllegalArgumentException("%s: %s.%s is missing".formatted(y.source(), path, key));
                }
                params.put(key, d);
            } else {
                params.put(key, range(v, path + "." + key, Shape.DURATIONS.contains(key)));
            }
        }
        if (params.get("window") != null && params.get("window").lo() != params.get("window").hi()) {
            throw y.error(path + ".window", "a single duration (every resource's windows are alike)", m.get("window"));
        }
        return new Shape(name, type, params);
    }

    private Shape.Range range(Object v, String path, boolean duration) {
        if (v instanceof List<?> list) {
            if (list.size() != 2) {
                throw y.error(path, "a value or a range [low, high]", v);
            }
            double lo = value(list.get(0), path + "[0]", duration);
            double hi = value(list.get(1), path + "[1]", duration);
            if (hi < lo) {
                throw y.error(path, "a range [low, high] with low at most high", v);
            }
            return new Shape.Range(lo, hi);
        }
        double d = value(v, path, duration);
        return new Shape.Range(d, d);
    }

    private double value(Object v, String path, boolean duration) {
        if (duration) {
            return (double) y.duration(v, path).toSeconds() / PredictWorld.STEP_S;
        }
        double d = y.number(v, path);
        if (d < 0) {
            throw y.error(path, "a number of at least 0", v);
        }
        return d;
    }

    private static String typeNames() {
        return String.join(", ", java.util.Arrays.stream(Shape.Type.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static String typeNames(boolean fault) {
        return String.join(", ", java.util.Arrays.stream(Shape.Type.values()).filter(t -> t.fault == fault)
                .map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
    }
}
