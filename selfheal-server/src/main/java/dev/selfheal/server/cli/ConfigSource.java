package dev.selfheal.server.cli;

import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Where the CLI reads its config: a file, or the bundled example. */
final class ConfigSource {

    static final String EXAMPLE_RESOURCE = "/dev/selfheal/server/cli/example-selfheal.yaml";
    static final String EXAMPLE_NAME = "the bundled example config (examples/selfheal.yaml)";

    private ConfigSource() { }

    static Config load(Path file, Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader(env);
        if (file != null) {
            return loader.load(file);
        }
        try (InputStream in = ConfigSource.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled example config is missing from the classpath: " + EXAMPLE_RESOURCE);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return loader.parse(reader, EXAMPLE_NAME);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describe(Path file) {
        return file == null ? EXAMPLE_NAME : file.toString();
    }
}
