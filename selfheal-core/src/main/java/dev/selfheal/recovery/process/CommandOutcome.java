package dev.selfheal.recovery.process;

import java.time.Duration;

/**
 * How a command ended.
 *
 * @param exitCode the exit code (-1 when it was killed on timeout)
 * @param output   the last few KiB of stdout and stderr, interleaved
 * @param timedOut whether the timeout killed it
 * @param pid      the pid it ran as
 * @param duration how long it ran
 */
public record CommandOutcome(int exitCode, String output, boolean timedOut, long pid, Duration duration) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
