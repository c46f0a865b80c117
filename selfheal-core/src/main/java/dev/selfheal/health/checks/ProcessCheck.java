package dev.selfheal.health.checks;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Is a process alive? Found either through a pid file or by a pattern over the command lines of
 * all processes (the JVM running this check excluded, since its own command line may quote the
 * pattern).
 */
public final class ProcessCheck implements HealthCheck {

    /** A garbage pid file is quoted in the message, but only this much of it. */
    private static final int MAX_QUOTED_CHARS = 40;

    /**
     * Exactly one of the two is set.
     *
     * @param pidFile            a file holding the process id, as daemons write it
     * @param commandLineMatches a pattern found somewhere in the command line of the process
     */
    public record Settings(Optional<Path> pidFile, Optional<Pattern> commandLineMatches) {

        public Settings {
            Require.optional(pidFile, "pid-file");
            Require.optional(commandLineMatches, "command-line-matches");
            Require.that(pidFile.isPresent() != commandLineMatches.isPresent(),
                    "exactly one of pid-file and command-line-matches must be set: pid-file=%s, command-line-matches=%s",
                    pidFile.map(Path::toString).orElse("(none)"),
                    commandLineMatches.map(Pattern::pattern).orElse("(none)"));
        }

        public static Settings pidFile(Path pidFile) {
            return new Settings(Optional.of(Require.nonNull(pidFile, "pid-file")), Optional.empty());
        }

        public static Settings commandLineMatching(Pattern pattern) {
            return new Settings(Optional.empty(), Optional.of(Require.nonNull(pattern, "command-line-matches")));
        }

        /** Compiles the pattern, naming the key when it is not a valid regular expression. */
        public static Settings commandLineMatching(String regex) {
            Require.nonBlank(regex, "command-line-matches");
            try {
                return commandLineMatching(Pattern.compile(regex));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "command-line-matches must be a regular expression: '" + regex + "' (" + e.getDescription() + ")", e);
            }
        }
    }

    private final Settings settings;

    public ProcessCheck(Settings settings) {
        this.settings = Require.nonNull(settings, "settings");
    }

    @Override
    public HealthCheckResult check() {
        return settings.pidFile().map(this::checkPidFile)
                .orElseGet(() -> checkCommandLine(settings.commandLineMatches().orElseThrow()));
    }

    private HealthCheckResult checkPidFile(Path pidFile) {
        String content;
        try {
            content = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return HealthCheckResult.unhealthy("pid file " + pidFile + " does not exist");
        } catch (IOException e) {
            return HealthCheckResult.unhealthy("pid file " + pidFile + " cannot be read: " + Reasons.of(e));
        }
        if (content.isEmpty()) {
            return HealthCheckResult.unhealthy("pid file " + pidFile + " is empty");
        }
        long pid;
        try {
            pid = Long.parseLong(content);
        } catch (NumberFormatException e) {
            pid = -1;
        }
        if (pid <= 0) {
            return HealthCheckResult.unhealthy("pid file " + pidFile + " does not hold a process id: '" + quote(content) + "'");
        }
        Map<String, Object> details = Map.of("pid", pid);
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive
                ? HealthCheckResult.of(HealthStatus.HEALTHY, "process " + pid + " from " + pidFile + " is alive", details)
                : HealthCheckResult.of(HealthStatus.UNHEALTHY, "process " + pid + " from " + pidFile + " is not running", details);
    }

    private HealthCheckResult checkCommandLine(Pattern pattern) {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> matches = ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> commandLine(process).map(line -> pattern.matcher(line).find()).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
        if (matches.isEmpty()) {
            return HealthCheckResult.of(HealthStatus.UNHEALTHY,
                    "no running process has a command line matching '" + pattern.pattern() + "'", Map.of("matches", 0));
        }
        long pid = matches.getFirst().pid();
        return HealthCheckResult.of(HealthStatus.HEALTHY,
                matches.size() + " running process(es) match '" + pattern.pattern() + "', first pid " + pid,
                Map.of("pid", pid, "matches", matches.size()));
    }

    /** The full command line where the OS tells it; else the command and arguments put together. */
    private static Optional<String> commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().or(() -> info.command()
                .map(command -> command + info.arguments().map(args -> " " + String.join(" ", args)).orElse("")));
    }

    private static String quote(String content) {
        String oneLine = content.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_QUOTED_CHARS ? oneLine : oneLine.substring(0, MAX_QUOTED_CHARS) + "...";
    }

    @Override
    public String toString() {
        return "ProcessCheck[" + settings.pidFile().map(Path::toString)
                .orElseGet(() -> "/" + settings.commandLineMatches().orElseThrow().pattern() + "/") + "]";
    }
}
