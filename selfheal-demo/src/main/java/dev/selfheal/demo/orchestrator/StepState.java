package dev.selfheal.demo.orchestrator;

/** Where one step of one event stands in the ledger. */
public enum StepState {
    /** Not yet tried (or tried and the process died before the answer). */
    PENDING,
    /** Applied by a live call. */
    DONE,
    /** Could not be done now: waiting in the durable outbox. */
    PARKED,
    /** Parked, then applied by a replay. */
    REPLAYED,
    /** Refused for good (not retryable) or could be neither made nor parked: needs a person. */
    FAILED
}
