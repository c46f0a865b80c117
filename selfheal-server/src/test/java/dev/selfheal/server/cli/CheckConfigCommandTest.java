package dev.selfheal.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.server.daemon.CheckFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code selfheal check-config}, run in-process as picocli runs it. */
class CheckConfigCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        String[] commandArgs = java.util.Arrays.copyOfRange(args, 1, args.length); // args[0] names the command, as a user types it
        CommandLine cli = new CommandLine(new CheckConfigCommand(env, new CheckFactory()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(commandArgs);
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("selfheal.yaml"), yaml);
    }

    @Test
    void aGoodFileExitsZeroWithAOneLineSummary() throws IOException {
        Path config = file("""
                server: { port: 9000 }
                checks:
                  - { name: api, type: http, url: "http://127.0.0.1:9000/healthz" }
                  - { name: pg, type: tcp, host: 127.0.0.1, port: 5432 }
                  - { name: jvm, type: jvm }
                """);

        int exit = run(Map.of(), "check-config", "--config", config.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("OK %s: 3 checks (1 http, 1 jvm, 1 tcp), API on 127.0.0.1:9000, store jdbc:sqlite:data/selfheal.db%n"
                .formatted(config));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBadFileExitsOneAndListsEveryProblemWithItsPlace() throws IOException {
        Path config = file("""
                server: { port: 70000 }
                checks:
                  - { name: pg, type: tcp, host: 127.0.0.1, port: 0 }
                  - { name: pg, type: jvm, intervall: 5s }
                """);

        int exit = run(Map.of(), "check-config", "--config", config.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("""
                4 problems in %s:
                  - server.port (line 1, column 17): must be within 0-65535, got 70000
                  - checks[0].port (line 3, column 51): must be within 1-65535, got 0
                  - checks[1].name (line 4, column 13): duplicate check name 'pg', first defined at checks[0] (line 3, column 5)
                  - checks[1].intervall (line 4, column 28): unknown key 'intervall'; did you mean 'interval'?
                """.formatted(config));
    }

    @Test
    void aMissingEnvironmentVariableIsAProblemAndASetOneIsUsedButNeverPrinted() throws IOException {
        Path config = file("""
                store: { url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres, password: "${PGPASSWORD}" }
                """);

        assertThat(run(Map.of(), "check-config", "-c", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("store.password (line 1, column 82): environment variable PGPASSWORD is not set");

        out.getBuffer().setLength(0);
        int exit = run(Map.of("PGPASSWORD", "very-secret-pw"), "check-config", "-c", config.toString(), "--print");


        assertThat(exit).isZero();
        assertThat(out.toString()).contains("password: '***'", "user: postgres").doesNotContain("very-secret-pw");
    }

    @Test
    void settingsThatTheCheckItselfRefusesAreProblemsToo() throws IOException {
        Path config = file("""
                checks:
                  - { name: bad-header, type: http, url: "http://127.0.0.1/", headers: { "Bad Header": x } }
                """);

        int exit = run(Map.of(), "check-config", "--config", config.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("1 problem in " + config + ":")
                .contains("checks[0] (line 2, column 5): cannot build the http check 'bad-header': headers must have valid names: 'Bad Header'");
    }

    @Test
    void aFileThatDoesNotExistIsAClearError() {
        int exit = run(Map.of(), "check-config", "--config", dir.resolve("nope.yaml").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(dir.resolve("nope.yaml") + ": cannot read the file: it does not exist");
    }

    @Test
    void theBundledExampleIsAValidConfig() throws IOException {
        Path example = file(new String(ConfigSource.class.getResourceAsStream(ConfigSource.EXAMPLE_RESOURCE).readAllBytes()));

        int exit = run(Map.of(), "check-config", "--config", example.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("7 checks (1 command, 2 disk, 1 http, 1 jvm, 1 system, 1 tcp), API on 127.0.0.1:8080");
    }

    @Test
    void helpDescribesTheCommand() {
        int exit = run(Map.of(), "check-config", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: check-config", "--config=FILE", "--print", "exits 1");
    }
}
