package dev.selfheal.bench;

import dev.selfheal.demo.sim.cli.DurationText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * What the benches' {@code --world FILE} readers share: loading the YAML (a file, or a file
 * bundled in the bench's jar) and reading its values so that every mistake is an
 * {@link IllegalArgumentException} naming the file, the key path, what was expected and what
 * was found ({@code w.yaml: faults.leak.base must be a number from 0 to 1, got 1.5}).
 */
public final class WorldYaml {

    private final String source;

    public WorldYaml(String source) {
        this.source = source;
    }

    /** The name mistakes are reported against: the file, or {@code <name> (bundled)}. */
    public String source() {
        return source;
    }

    /** The text of a world file bundled next to {@code owner} in the bench's jar. */
    public static String bundled(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the bench's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + name + ": " + e.getMessage(), e);
        }
    }

    /** The text of a world file given on the command line. */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read world file %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    /** The top-level mapping of {@code yaml}. */
    public Map<String, Object> load(String yaml) {
        Object root;
        try {
            root = new Yaml().load(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("%s is not valid YAML: %s".formatted(source, e.getMessage()), e);
        }
        return map(root, "(top level)");
    }

    /** {@code m.key}, which must be there; {@code prefix} is the key path of {@code m} with its trailing dot. */
    public Object need(Map<String, Object> m, String key, String prefix) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("%s: %s%s is missing".formatted(source, prefix, key));
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(Object v, String path) {
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("%s: %s must be a mapping, got %s".formatted(source, path, v));
        }
        return (Map<String, Object>) v;
    }

    public double number(Object v, String path) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw error(path, "a number", v);
    }

    /** A number from 0 to 1. */
    public double share(Object v, String path) {
        double d = number(v, path);
        if (d < 0 || d > 1) {
            throw error(path, "a number from 0 to 1", v);
        }
        return d;
    }

    public int positiveInt(Object v, String path) {
        if (v instanceof Integer i && i > 0) {
            return i;
        }
        throw error(path, "a positive whole number", v);
    }

    /** A positive duration such as {@code 20s}, {@code 2m} or {@code 1h}. */
    public Duration duration(Object v, String path) {
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

    /** A key this reader does not know: a typo is an error, not a silently ignored line. */
    public void onlyKnown(Map<String, Object> m, String prefix, java.util.Set<String> known) {
        for (String key : m.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("%s: %s%s is not a known key (known: %s)".formatted(source, prefix, key,
                        String.join(", ", known)));
            }
        }
    }

    public IllegalArgumentException error(String path, String expected, Object got) {
        return new IllegalArgumentException("%s: %s must be %s, got %s".formatted(source, path, expected, got));
    }
}
