package dev.selfheal.health.checks;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.process.CommandOutcome;
import dev.selfheal.process.CommandRunner;
import dev.selfheal.process.CommandSpec;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a command and judges its exit code: 0 is HEALTHY, a code listed in
 * {@code degraded-exit-codes} is DEGRADED, anything else UNHEALTHY. The Nagios convention
 * (0 ok, 1 warning, 2 critical) is one {@code degraded-exit-codes: [1]} away.
 *
 * <p>The argv is run as given, without a shell, so nothing in it is expanded or split. Output
 * (stdout and stderr merged) is drained while the command runs and only its tail is kept; the
 * last non-empty line goes into the message, since that is where scripts put their verdict.
 * A command that outlives its timeout, or whose run is interrupted, is ended with everything
 * it started: it runs through {@link CommandRunner}, like every command selfheal runs.
 */
public final class CommandCheck implements HealthCheck {

    /**
     * @param argv              program and arguments, run without a shell
     * @param environment       added to (and overriding) the daemon's environment; values are never shown
     * @param workingDirectory  where to run, else the daemon's working directory
     * @param degradedExitCodes exit codes that mean DEGRADED (1-255)
     * @param timeout           how long the command may run (default 5 s)
     */
    public record Settings(
            List<String> argv,
            Map<String, String> environment,
            Optional<Path> workingDirectory,
            Set<Integer> degradedExitCodes,
            Duration timeout) {

        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

        public Settings {
            Require.nonNull(argv, "argv");
            Require.that(!argv.isEmpty(), "argv must name a program: []");
            for (int i = 0; i < argv.size(); i++) {
                Require.that(argv.get(i) != null, "argv[%s] must be set", i);
            }
            Require.nonBlank(argv.getFirst(), "argv[0]");
            argv = List.copyOf(argv);
            Require.nonNull(environment, "environment");
            environment.forEach((name, value) -> {
                Require.that(name != null && !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0,
                        "environment must have names without '=': '%s'", name);
                Require.that(value != null && value.indexOf('\0') < 0, "environment.%s must be set", name);
            });
            environment = Map.copyOf(environment);
            Require.optional(workingDirectory, "working-directory");
            Require.nonNull(degradedExitCodes, "degraded-exit-codes");
            for (Integer code : degradedExitCodes) {
                Require.that(code != null && code >= 1 && code <= 255,
                        "degraded-exit-codes must be within 1-255 (0 is healthy): %s", code);
            }
            degradedExitCodes = Set.copyOf(degradedExitCodes);
            Require.positive(timeout, "timeout");
        }

        /** The argv with no extra environment, no degraded codes and a 5 s timeout. */
        public static Settings of(List<String> argv) {
            return new Settings(argv, Map.of(), Optional.empty(), Set.of(), DEFAULT_TIMEOUT);
        }

        public static Settings of(String... argv) {
            return of(List.of(argv));
        }

        public Settings withDegradedExitCodes(Set<Integer> codes) {
            return new Settings(argv, environment, workingDirectory, codes, timeout);
        }

        public Settings withTimeout(Duration newTimeout) {
            return new Settings(argv, environment, workingDirectory, degradedExitCodes, newTimeout);
        }

        public Settings withEnvironment(Map<String, String> newEnvironment) {
            return new Settings(argv, newEnvironment, workingDirectory, degradedExitCodes, timeout);
        }

        public Settings withWorkingDirectory(Path directory) {
            return new Settings(argv, environment, Optional.of(directory), degradedExitCodes, timeout);
        }

        /** Records print their fields; environment values are often secrets. */
        @Override
        public String toString() {
            return "CommandCheck.Settings[argv=" + argv + ", environment=" + new TreeSet<>(environment.keySet())
                    + ", workingDirectory=" + workingDirectory + ", degradedExitCodes=" + new TreeSet<>(degradedExitCodes)
                    + ", timeout=" + timeout + "]";
        }
    }

    private final Settings settings;
    /** Only the program is named in messages: arguments may carry secrets. */
    private final String program;

    public CommandCheck(Settings settings) {
        this.settings = Require.nonNull(settings, "settings");
        this.program = Path.of(settings.argv().getFirst()).getFileName().toString();
    }

    @Override
    public HealthCheckResult check() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted before running " + program);
        }
        CommandSpec spec = new CommandSpec(settings.argv(), settings.environment(), settings.workingDirectory(), settings.timeout());
        CommandOutcome outcome;
        try {
            outcome = CommandRunner.run(spec);
        } catch (IOException e) {
            return HealthCheckResult.unhealthy("Could not start " + settings.argv().getFirst() + ": " + Reasons.of(e.getCause() == null ? e : e.getCause()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pid", outcome.pid());
        if (outcome.timedOut()) {
            return HealthCheckResult.of(HealthStatus.UNHEALTHY, program + " did not finish within " + settings.timeout()
                    + " and was killed" + lastLine(outcome), details);
        }
        int code = outcome.exitCode();
        details.put("exit_code", code);
        HealthStatus status = code == 0 ? HealthStatus.HEALTHY
                : settings.degradedExitCodes().contains(code) ? HealthStatus.DEGRADED : HealthStatus.UNHEALTHY;
        return HealthCheckResult.of(status, program + " exited with " + code + lastLine(outcome), details);
    }

    private static String lastLine(CommandOutcome outcome) {
        return outcome.lastLine().map(line -> ": " + line).orElse(" (no output)");
    }

    @Override
    public String toString() {
        return "CommandCheck[" + program + "]";
    }
}
