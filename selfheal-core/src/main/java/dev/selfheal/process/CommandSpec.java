package dev.selfheal.process;

import dev.selfheal.time.DurationChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A command to run: an argv (no shell, so no quoting surprises and no injection), extra
 * environment, a working directory and a timeout after which the whole process tree is killed.
 */
public record CommandSpec(List<String> argv, Map<String, String> environment, Optional<Path> workingDirectory, Duration timeout) {

    public CommandSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new IllegalArgumentException("command argv must name a program: " + argv);
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        DurationChecks.positive(timeout, "command timeout");
    }

    public static CommandSpec of(Duration timeout, String... argv) {
        return new CommandSpec(List.of(argv), Map.of(), Optional.empty(), timeout);
    }

    public CommandSpec withEnvironment(Map<String, String> value) {
        return new CommandSpec(argv, value, workingDirectory, timeout);
    }

    public CommandSpec withWorkingDirectory(Path value) {
        return new CommandSpec(argv, environment, Optional.of(value), timeout);
    }
}
