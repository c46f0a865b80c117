package dev.selfheal.alerting;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The pipeline's own settings (grouping timings live on the routes).
 *
 * @param healingGrace     how long an alert waits while healing mitigates its incident (default 60 s)
 * @param flapThreshold    more fire/resolve cycles than this in {@code flapWindow} is flapping (default 5)
 * @param flapWindow       the flap window (default 10 min); a flapping alert resolves after being quiet this long
 * @param silenceReminder  how long before a silence ends its creator is reminded (default 15 min)
 * @param reevaluateEvery  how often held alerts are looked at again (silence ended, window over; default 30 s)
 * @param reminderReceiver where silence reminders go; empty (the default): to the receivers of the routes the
 *                         silence's matchers select (the root's when they select none)
 */
public record AlertingSettings(Duration healingGrace, int flapThreshold, Duration flapWindow, Duration silenceReminder,
                               Duration reevaluateEvery, Optional<String> reminderReceiver) {

    public static final AlertingSettings DEFAULT = new AlertingSettings(Duration.ofSeconds(60), 5, Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofSeconds(30));

    public AlertingSettings(Duration healingGrace, int flapThreshold, Duration flapWindow, Duration silenceReminder,
                            Duration reevaluateEvery) {
        this(healingGrace, flapThreshold, flapWindow, silenceReminder, reevaluateEvery, Optional.empty());
    }

    public AlertingSettings {
        Objects.requireNonNull(reminderReceiver, "reminderReceiver");
        DurationChecks.notNegative(healingGrace, "healing-grace");
        DurationChecks.positive(flapWindow, "flap-window");
        DurationChecks.notNegative(silenceReminder, "silence-reminder");
        DurationChecks.positive(reevaluateEvery, "reevaluate-every");
        if (flapThreshold < 1) {
            throw new IllegalArgumentException("flap-threshold must be at least 1, got " + flapThreshold);
        }
    }

    public AlertingSettings withHealingGrace(Duration d) {
        return new AlertingSettings(d, flapThreshold, flapWindow, silenceReminder, reevaluateEvery, reminderReceiver);
    }

    public AlertingSettings withFlap(int threshold, Duration window) {
        return new AlertingSettings(healingGrace, threshold, window, silenceReminder, reevaluateEvery, reminderReceiver);
    }

    public AlertingSettings withSilenceReminder(Duration d) {
        return new AlertingSettings(healingGrace, flapThreshold, flapWindow, d, reevaluateEvery, reminderReceiver);
    }

    public AlertingSettings withReminderReceiver(String receiver) {
        return new AlertingSettings(healingGrace, flapThreshold, flapWindow, silenceReminder, reevaluateEvery, Optional.of(receiver));
    }
}
