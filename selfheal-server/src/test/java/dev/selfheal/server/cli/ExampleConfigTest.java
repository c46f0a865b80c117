package dev.selfheal.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {

    @Test
    void theExampleInTheRepositoryIsTheOneBundledInTheJar() throws IOException {
        // Given the copy users read (examples/selfheal.yaml at the repository root)
        Path copy = Path.of("..", "examples", "selfheal.yaml");

        // Then it is the config `selfheal run` runs without --config
        try (InputStream bundled = ConfigSource.class.getResourceAsStream(ConfigSource.EXAMPLE_RESOURCE)) {
            assertThat(bundled).isNotNull();
            assertThat(Files.readString(copy)).isEqualTo(new String(bundled.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
