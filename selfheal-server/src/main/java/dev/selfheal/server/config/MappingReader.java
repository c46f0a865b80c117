package dev.selfheal.server.config;

import dev.selfheal.redaction.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the values of one YAML mapping by key, converting and range-checking each, and records
 * a problem (with the key path, line and column) for every value that does not fit, then goes
 * on with a default so that one parse finds every problem.
 *
 * <p>It remembers which keys were asked for; {@link #rejectUnknownKeys()} reports the rest as
 * unknown, with the closest known key as a suggestion.
 */
final class MappingReader {

    private final String path;
    private final Node node;
    private final ParseContext ctx;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    private MappingReader(String path, Node node, ParseContext ctx, boolean absent) {
        this.path = path;
        this.node = node;
        this.ctx = ctx;
        if (!absent && node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode key)) {
                    ctx.problem(path, keyNode, "keys must be single values, got a " + ParseContext.kind(keyNode));
                    continue;
                }
                NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
                if (first != null) {
                    ctx.problem(pathOf(key.getValue()), keyNode, "duplicate key '%s' (first at line %d)"
                            .formatted(key.getValue(), ParseContext.line(first.getKeyNode())));
                }
            }
        }
    }

    /** A reader over {@code node}; a problem and an empty reader when it is not a mapping. */
    static MappingReader of(String path, Node node, ParseContext ctx) {
        if (node.getNodeId() != NodeId.mapping && !isNull(node)) {
            ctx.problem(path, node, "must be a mapping (key: value), got a " + ParseContext.kind(node));
        }
        return new MappingReader(path, node, ctx, false);
    }

    String path() {
        return path;
    }

    Node node() {
        return node;
    }

    int line() {
        return ParseContext.line(node);
    }

    int column() {
        return ParseContext.column(node);
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        known.add(key);
        NodeTuple tuple = entries.get(key);
        return tuple != null && !isNull(tuple.getValueNode());
    }

    /** The value node of {@code key}, unless absent or null. */
    Optional<Node> node(String key) {
        return has(key) ? Optional.of(entries.get(key).getValueNode()) : Optional.empty();
    }

    /** The nested mapping at {@code key}; an empty reader when the key is absent. */
    MappingReader section(String key) {
        return node(key).map(n -> of(pathOf(key), n, ctx)).orElseGet(() -> new MappingReader(pathOf(key), node, ctx, true));
    }

    Optional<String> text(String key) {
        return node(key).flatMap(n -> ctx.scalar(pathOf(key), n));
    }

    String text(String key, String defaultValue) {
        return text(key).orElse(defaultValue);
    }

    /** A time zone (a region such as Europe/Berlin, an offset such as +02:00, or UTC); a problem when unknown. */
    ZoneId zone(String key, ZoneId defaultValue) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return ZoneId.of(text.get().strip());
        } catch (DateTimeException e) {
            problem(key, "unknown time zone '%s' (use a region such as Europe/Berlin, an offset such as +02:00, or UTC)"
                    .formatted(text.get()));
            return defaultValue;
        }
    }

    /** The text at {@code key}; a problem when it is absent or blank. */
    Optional<String> requiredText(String key) {
        if (!has(key)) {
            missing(key);
            return Optional.empty();
        }
        Optional<String> value = text(key);
        if (value.isPresent() && value.get().isBlank()) {
            problem(key, "must not be empty");
            return Optional.empty();
        }
        return value;
    }

    /** The absolute http(s) URL at {@code key}; a problem (with any password in it masked) when it is absent or not one. */
    Optional<URI> requiredHttpUrl(String key) {
        return requiredText(key).flatMap(text -> {
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            problem(key, "must be an absolute http:// or https:// URL, got '%s'".formatted(Redaction.url(text)));
            return Optional.empty();
        });
    }

    /** The text at {@code key}, treating an empty value (e.g. {@code ${PGPASSWORD:-}}) as absent. */
    Optional<Secret> secret(String key) {
        return text(key).filter(s -> !s.isEmpty()).map(Secret::new);
    }

    /** {@code true} or {@code false} (also yes/no, on/off, as YAML 1.1 writes them); a problem otherwise. */
    boolean bool(String key, boolean defaultValue) {
        return optionalBool(key).orElse(defaultValue);
    }

    Optional<Boolean> optionalBool(String key) {
        return text(key).flatMap(text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> {
                problem(key, "must be true or false, got '%s'".formatted(text));
                yield Optional.empty();
            }
        });
    }

    int integer(String key, int defaultValue, int min, int max) {
        return optionalInteger(key, min, max).orElse(defaultValue);
    }

    Optional<Integer> requiredInteger(String key, int min, int max) {
        if (!has(key)) {
            missing(key);
            return Optional.empty();
        }
        return optionalInteger(key, min, max);
    }

    Optional<Integer> optionalInteger(String key, int min, int max) {
        return node(key).flatMap(n -> integerAt(pathOf(key), n, min, max));
    }

    double decimal(String key, double defaultValue, double min, double max) {
        return node(key).flatMap(n -> ctx.scalar(pathOf(key), n).flatMap(text -> {
            try {
                double value = Double.parseDouble(text.strip());
                if (value >= min && value <= max) {
                    return Optional.of(value);
                }
                problem(key, "must be within %s-%s, got %s".formatted(plain(min), plain(max), text));
            } catch (NumberFormatException e) {
                problem(key, "must be a number, got '%s'".formatted(text));
            }
            return Optional.empty();
        })).orElse(defaultValue);
    }

    /** A required number within [min, max]; NaN (with the problem reported) when absent or wrong. */
    double requiredDecimal(String key, double min, double max) {
        if (!has(key)) {
            missing(key);
            return Double.NaN;
        }
        return decimal(key, Double.NaN, min, max);
    }

    Duration duration(String key, Duration defaultValue, Duration min) {
        return optionalDuration(key, min).orElse(defaultValue);
    }

    Optional<Duration> optionalDuration(String key, Duration min) {
        return node(key).flatMap(n -> ctx.scalar(pathOf(key), n).flatMap(text -> {
            Optional<Duration> d = Durations.parse(text);
            if (d.isEmpty()) {
                problem(key, "must be a duration like 500ms, 30s, 5m or 1h, got '%s'".formatted(text));
            } else if (d.get().compareTo(min) < 0) {
                problem(key, "must be at least %s, got %s".formatted(Durations.format(min), text));
                return Optional.empty();
            }
            return d;
        }));
    }

    Optional<Path> path(String key) {
        return text(key).flatMap(text -> {
            try {
                return Optional.of(Path.of(text));
            } catch (InvalidPathException e) {
                problem(key, "is not a valid path: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A list of single values; each element reported as {@code key[i]}. */
    List<String> textList(String key) {
        return list(key, (elementPath, element) -> ctx.scalar(elementPath, element));
    }

    List<Integer> integerList(String key, int min, int max) {
        return list(key, (elementPath, element) -> integerAt(elementPath, element, min, max));
    }

    /** A mapping of names to single values, in file order. */
    Map<String, String> textMap(String key) {
        Map<String, String> values = new LinkedHashMap<>();
        node(key).ifPresent(n -> {
            MappingReader nested = of(pathOf(key), n, ctx);
            for (String name : nested.entries.keySet()) {
                nested.text(name).ifPresent(v -> values.put(name, v));
            }
        });
        return values;
    }

    /** The keys present in this mapping, in file order. */
    Set<String> keys() {
        return entries.keySet();
    }

    /** Reports every key present that no one asked for, suggesting the closest known key. */
    void rejectUnknownKeys() {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (known.contains(key)) {
                continue;
            }
            String hint = Suggestions.closest(key, known).map(k -> "; did you mean '" + k + "'?")
                    .orElse("; known keys: " + String.join(", ", known));
            ctx.problem(pathOf(key), entry.getValue().getKeyNode(), "unknown key '" + key + "'" + hint);
        }
    }

    void problem(String key, String message) {
        NodeTuple tuple = entries.get(key);
        ctx.problem(pathOf(key), tuple != null ? tuple.getValueNode() : node, message);
    }

    void missing(String key) {
        ctx.problem(pathOf(key), node, "is required");
    }

    /** A problem about this whole mapping (e.g. two keys that exclude each other). */
    void problemHere(String message) {
        ctx.problem(path, node, message);
    }

    private <T> List<T> list(String key, java.util.function.BiFunction<String, Node, Optional<T>> element) {
        List<T> values = new ArrayList<>();
        node(key).ifPresent(n -> {
            if (n instanceof SequenceNode sequence) {
                List<Node> items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) {
                    element.apply(pathOf(key) + "[" + i + "]", items.get(i)).ifPresent(values::add);
                }
            } else {
                problem(key, "must be a list, got a " + ParseContext.kind(n));
            }
        });
        return values;
    }

    /** Each element of the list at {@code key} as a mapping reader, with path {@code key[i]}. */
    List<MappingReader> mappings(String key) {
        return list(key, (elementPath, element) -> Optional.of(of(elementPath, element, ctx)));
    }

    private Optional<Integer> integerAt(String at, Node n, int min, int max) {
        return ctx.scalar(at, n).flatMap(text -> {
            long value;
            try {
                value = Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                ctx.problem(at, n, "must be a whole number, got '%s'".formatted(text));
                return Optional.empty();
            }
            if (value < min || value > max) {
                ctx.problem(at, n, "must be within %d-%d, got %s".formatted(min, max, text.strip()));
                return Optional.empty();
            }
            return Optional.of((int) value);
        });
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
