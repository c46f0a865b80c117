package dev.selfheal.server.api;

/** Where the daemon is in its life, as {@code /readyz} reports it. */
public enum Readiness {
    /** The API is up; checks are not scheduled or the store is not open yet. */
    STARTING,
    /** Checks are scheduled and the store is open. */
    READY,
    /** Shutting down: checks stopped or stopping, history being flushed. */
    STOPPING
}
