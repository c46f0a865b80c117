package dev.selfheal.recovery;

import java.time.Duration;

/**
 * The recovery-action SPI: one thing the engine can do to heal a component.
 *
 * <p>{@link #execute} may block (it runs on a virtual thread) and should honour interruption:
 * the engine interrupts it when {@link #timeout()} passes and records the step TIMED_OUT. An
 * exception is a failed step with the exception's message. Implementations run
 * {@code RecoveryActionContract} from the core test jar.
 *
 * <p>The settings have cautious defaults; {@link ActionSettings#applyTo} lets
 * configuration override them without touching the action.
 */
public interface RecoveryAction {

    /** The catalog name, e.g. {@code restart_service}: lower case, digits and '_'. */
    String name();

    default Risk risk() {
        return Risk.LOW;
    }

    /** A failed critical step stops the plan (and escalates the incident). */
    default boolean critical() {
        return false;
    }

    default Duration timeout() {
        return Duration.ofSeconds(30);
    }

    /** How long to wait after the step before verifying or running the next one. */
    default Duration delayAfter() {
        return Duration.ZERO;
    }

    /** Whether running it twice is harmless; an idempotent step cut off by a crash may be retried. */
    default boolean idempotent() {
        return false;
    }

    /** After failing on a component, the action is not planned there again for this long. */
    default Duration cooldown() {
        return Duration.ofMinutes(10);
    }

    /**
     * Whether a step of this action waits for a person's approval (unless the policy allows
     * high-risk actions). By default exactly the HIGH-risk actions do; configuration may say
     * otherwise for one action.
     */
    default boolean needsApproval() {
        return risk() == Risk.HIGH;
    }

    /** What the action touches; the engine never runs two steps on one target at once. */
    default String target(ActionContext context) {
        return context.component();
    }

    ActionResult execute(ActionContext context) throws Exception;
}
