package dev.selfheal.recovery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Decides whether a component recovered: its checks pass again within the window. */
@FunctionalInterface
public interface Verifier {

    /** The outcome of a verification. */
    record Verification(boolean passed, String message) { }

    CompletableFuture<Verification> verify(String component, Duration window);
}
