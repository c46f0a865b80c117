package dev.selfheal.integrations.webhooks;

/** What a signature check found: accepted, or rejected with the reason (for the 401 body and the log). */
public sealed interface Verification {

    record Accepted() implements Verification { }

    record Rejected(String reason) implements Verification { }

    Verification ACCEPTED = new Accepted();

    static Verification rejected(String reason) {
        return new Rejected(reason);
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
