package dev.selfheal.recovery;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;

/**
 * How the engine may act. Immutable, validated.
 *
 * @param dryRun                     plan and journal, but never execute an action
 * @param allowHighRisk              run HIGH-risk actions without waiting for approval
 * @param verificationWindow         how long the component's checks have to pass after a step
 * @param verificationPoll           how often checks are run on demand while verifying
 * @param perComponent               actions on one component (what stops restart loops)
 * @param global                     actions on everything together
 * @param retryInterruptedIdempotent after a crash, retry an interrupted step if its action is idempotent
 * @param busyRetry                  how soon to try again when the step's target is busy
 */
public record RecoveryPolicy(boolean dryRun, boolean allowHighRisk, Duration verificationWindow, Duration verificationPoll,
                             RateLimit perComponent, RateLimit global, boolean retryInterruptedIdempotent, Duration busyRetry) {

    public RecoveryPolicy {
        DurationChecks.positive(verificationWindow, "recovery.verification-window");
        DurationChecks.positive(verificationPoll, "recovery.verification-poll");
        DurationChecks.positive(busyRetry, "recovery.busy-retry");
        java.util.Objects.requireNonNull(perComponent, "perComponent");
        java.util.Objects.requireNonNull(global, "global");
    }

    /** 60 s to verify (checks every 5 s), 3 actions per component and 20 overall per 15 minutes. */
    public static RecoveryPolicy defaults() {
        return new RecoveryPolicy(false, false, Duration.ofSeconds(60), Duration.ofSeconds(5),
                new RateLimit(3, Duration.ofMinutes(15)), new RateLimit(20, Duration.ofMinutes(15)), false, Duration.ofSeconds(5));
    }

    public RecoveryPolicy withDryRun(boolean value) {
        return new RecoveryPolicy(value, allowHighRisk, verificationWindow, verificationPoll, perComponent, global, retryInterruptedIdempotent, busyRetry);
    }

    public RecoveryPolicy withAllowHighRisk(boolean value) {
        return new RecoveryPolicy(dryRun, value, verificationWindow, verificationPoll, perComponent, global, retryInterruptedIdempotent, busyRetry);
    }

    public RecoveryPolicy withVerification(Duration window, Duration poll) {
        return new RecoveryPolicy(dryRun, allowHighRisk, window, poll, perComponent, global, retryInterruptedIdempotent, busyRetry);
    }

    public RecoveryPolicy withLimits(RateLimit component, RateLimit all) {
        return new RecoveryPolicy(dryRun, allowHighRisk, verificationWindow, verificationPoll, component, all, retryInterruptedIdempotent, busyRetry);
    }

    public RecoveryPolicy withRetryInterruptedIdempotent(boolean value) {
        return new RecoveryPolicy(dryRun, allowHighRisk, verificationWindow, verificationPoll, perComponent, global, value, busyRetry);
    }
}
