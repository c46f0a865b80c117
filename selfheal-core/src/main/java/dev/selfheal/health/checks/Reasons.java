package dev.selfheal.health.checks;

/** Turns an exception into the short reason a result message carries. */
final class Reasons {

    private Reasons() { }

    /** The exception's own message, or its simple class name when it has none (many I/O exceptions). */
    static String of(Throwable failure) {
        String message = failure.getMessage();
        String name = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
