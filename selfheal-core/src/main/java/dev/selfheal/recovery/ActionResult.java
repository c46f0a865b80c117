package dev.selfheal.recovery;

import java.util.Map;

/**
 * What an action reports. A failure is a value: the engine records it and moves on by its rules.
 *
 * @param success whether the action did what it set out to do (not whether the component recovered:
 *                verification decides that)
 * @param message one line: what it did, or why it could not
 * @param details small structured facts (old and new pid, entries cleared, exit code, …)
 */
public record ActionResult(boolean success, String message, Map<String, String> details) {

    public ActionResult {
        message = message == null || message.isBlank() ? (success ? "done" : "failed") : message;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ActionResult ok(String message) {
        return new ActionResult(true, message, Map.of());
    }

    public static ActionResult ok(String message, Map<String, String> details) {
        return new ActionResult(true, message, details);
    }

    public static ActionResult failed(String message) {
        return new ActionResult(false, message, Map.of());
    }

    public static ActionResult failed(String message, Map<String, String> details) {
        return new ActionResult(false, message, details);
    }
}
