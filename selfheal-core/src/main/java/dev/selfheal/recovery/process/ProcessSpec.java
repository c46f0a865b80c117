package dev.selfheal.recovery.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A child process to supervise.
 *
 * @param argv             program and arguments (no shell)
 * @param environment      extra environment
 * @param workingDirectory where it runs
 * @param grace            how long a restart waits after SIGTERM before SIGKILL
 * @param output           where its stdout and stderr go (appended), or discarded
 */
public record ProcessSpec(List<String> argv, Map<String, String> environment, Optional<Path> workingDirectory,
                          Duration grace, Optional<Path> output) {

    public ProcessSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new IllegalArgumentException("process argv must name a program: " + argv);
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("process grace must not be negative: " + grace);
        }
        Objects.requireNonNull(output, "output");
    }

    public static ProcessSpec of(String... argv) {
        return new ProcessSpec(List.of(argv), Map.of(), Optional.empty(), Duration.ofSeconds(10), Optional.empty());
    }

    public ProcessSpec withGrace(Duration value) {
        return new ProcessSpec(argv, environment, workingDirectory, value, output);
    }

    public ProcessSpec withOutput(Path value) {
        return new ProcessSpec(argv, environment, workingDirectory, grace, Optional.of(value));
    }
}
