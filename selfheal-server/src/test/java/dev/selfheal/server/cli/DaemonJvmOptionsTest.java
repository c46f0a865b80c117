package dev.selfheal.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DaemonJvmOptionsTest {

    @Test
    void commentsAndBlankLinesAreLeftOutAndALineMayHoldSeveralOptions() {
        assertThat(DaemonJvmOptions.parse("# heap\n-Xmx256m   # capped\n\n  -XX:+UseSerialGC -Xss1m\n"))
                .containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-Xss1m");
    }

    @Test
    void theDaemonRunsWithACappedHeap() {
        assertThat(DaemonJvmOptions.load()).anyMatch(o -> o.startsWith("-Xmx"));
    }

    @Test
    void theLauncherReadsTheSameFile() throws Exception {
        Path launcher = Path.of("..", "selfheal");
        assertThat(Files.readString(launcher)).contains("selfheal-server/src/main/resources/dev/selfheal/server/cli/"
                + DaemonJvmOptions.RESOURCE);
    }
}
