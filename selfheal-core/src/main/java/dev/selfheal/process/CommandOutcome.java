package dev.selfheal.process;

import java.time.Duration;
import java.util.Optional;

/**
 * How a command ended.
 *
 * @param exitCode the exit code (-1 when it was killed on timeout)
 * @param output   the last few KiB of stdout and stderr, interleaved, stripped
 * @param timedOut whether the timeout ended it
 * @param pid      the pid it ran as
 * @param duration how long it ran
 * @param lastLine the last line of output with something on it, cut to 200 characters
 */
public record CommandOutcome(int exitCode, String output, boolean timedOut, long pid, Duration duration, Optional<String> lastLine) {

    public CommandOutcome(int exitCode, String output, boolean timedOut, long pid, Duration duration) {
        this(exitCode, output, timedOut, pid, duration, OutputTail.lastNonEmptyLine(output));
    }

    CommandOutcome(int exitCode, OutputTail tail, boolean timedOut, long pid, Duration duration) {
        this(exitCode, tail.text().strip(), timedOut, pid, duration, tail.lastNonEmptyLine());
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
