package dev.selfheal.time;

/** A handle to a scheduled task. Cancelling a task that already ran, or was cancelled, does nothing. */
@FunctionalInterface
public interface Cancellable {
    void cancel();

    Cancellable NONE = () -> { };
}
