package dev.selfheal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.demo.sim.cli.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every bench shares read the same way in each of them. */
class BenchOptionsTest {

    @Command(name = "some-bench")
    static final class SomeBench {
        @Mixin
        SeedOption seed;

        @Mixin
        DataDirOption dataDir;

        @Option(names = "--timeout", defaultValue = "90s", converter = DurationText.Converter.class)
        Duration timeout;
    }

    @TempDir
    Path tmp;

    @Test
    void givenNothingABenchRunsWithSeed42InANewTemporaryDirectory() throws Exception {
        SomeBench bench = parse();

        assertThat(bench.seed.value()).isEqualTo(42);
        Path dir = bench.dataDir.orNewTemporary("some");
        assertThat(dir).isDirectory().isEmptyDirectory();
        assertThat(dir.getFileName().toString()).startsWith("selfheal-bench-some-");
        Files.delete(dir);
        assertThat(bench.timeout).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void givenOptionsTheRunUsesThem() throws Exception {
        Path given = Files.createDirectory(tmp.resolve("run"));

        SomeBench bench = parse("--seed", "7", "--data-dir", given.toString(), "--timeout", "250ms");

        assertThat(bench.seed.value()).isEqualTo(7);
        assertThat(bench.dataDir.orNewTemporary("some")).isEqualTo(given);
        assertThat(bench.timeout).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aDurationThatIsNotOneIsRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> parse("--timeout", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("soon").hasMessageContaining("expected a duration like 250ms, 30s, 2m, 1h");
    }

    private static SomeBench parse(String... args) {
        SomeBench bench = new SomeBench();
        new CommandLine(bench).parseArgs(args);
        return bench;
    }
}
