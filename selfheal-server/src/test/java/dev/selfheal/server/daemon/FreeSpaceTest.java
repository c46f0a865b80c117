package dev.selfheal.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free-space check at start, against the real filesystem of a temporary directory. */
class FreeSpaceTest {

    @TempDir
    Path dir;

    @Test
    void aDaemonDoesNotStartWhenTheStoresFilesystemHasLessRoomThanItNeedsAndSaysWhereAndWhichKey() {
        // Given a minimum no disk has (1 EiB)
        Config config = config("min-free-space-mb: 1073741824");

        // Then the start is refused, naming the directory, what is free and the key, and nothing is created
        assertThatThrownBy(() -> Daemon.start(config, new CheckFactory()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("free on the filesystem of the store (" + dir)
                .hasMessageContaining("store.min-free-space-mb");
        assertThat(Files.exists(dir.resolve("data/selfheal.db"))).isFalse();
    }

    @Test
    void zeroTurnsTheCheckOff() {
        try (Daemon daemon = Daemon.start(config("min-free-space-mb: 0"), new CheckFactory())) {
            assertThat(daemon.port()).isPositive();
        }
    }

    @Test
    void theDefaultMinimumIsSixteenMib() {
        assertThat(config("").store().minFreeSpaceMb()).isEqualTo(16);
    }

    private Config config(String extra) {
        return new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/data/selfheal.db"%s }
                healing: { degradation: { host-resources: false } }
                """.formatted(dir, extra.isEmpty() ? "" : ", " + extra)), "test.yaml");
    }
}
