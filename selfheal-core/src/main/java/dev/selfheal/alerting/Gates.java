package dev.selfheal.alerting;

import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.alerting.rules.MaintenanceWindow;
import dev.selfheal.alerting.rules.Silence;
import dev.selfheal.alerting.rules.Silences;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The gates an alert passes before its group: a silence, a maintenance window, inhibition by an
 * upstream component that has an open incident or open alerts, and the healing grace of an
 * incident that healing is mitigating. A healing hold arms a timer that says when the grace
 * ends ({@code graceEnded}, with the fingerprint). Not thread-safe: used under the manager's lock.
 */
final class Gates {

    /** Why an alert is held, and the specifics a person reads (which silence, which upstream). */
    record Hold(HoldReason reason, String detail) { }

    private final Silences silences;
    private final List<MaintenanceWindow> windows;
    private final java.util.function.Supplier<DependencyGraph> dependencies;
    private final TrackedIncidents incidents;
    private final ToIntFunction<String> openAlertsIn;
    private final Duration healingGrace;
    private final Scheduler scheduler;
    private final Consumer<String> graceEnded;
    private final Map<String, Cancellable> graceTimers = new HashMap<>();

    Gates(Silences silences, List<MaintenanceWindow> windows, java.util.function.Supplier<DependencyGraph> dependencies, TrackedIncidents incidents,
          ToIntFunction<String> openAlertsIn, Duration healingGrace, Scheduler scheduler, Consumer<String> graceEnded) {
        this.silences = silences;
        this.windows = List.copyOf(windows);
        this.dependencies = dependencies;
        this.incidents = incidents;
        this.openAlertsIn = openAlertsIn;
        this.healingGrace = healingGrace;
        this.scheduler = scheduler;
        this.graceEnded = graceEnded;
    }

    /** The first gate that holds the alert now, if any. */
    Optional<Hold> check(Alert alert, Instant now) {
        Map<String, String> labels = alert.allLabels();
        Optional<Silence> silence = silences.matching(labels, now);
        if (silence.isPresent()) {
            Silence s = silence.get();
            return Optional.of(new Hold(HoldReason.SILENCED, "%s by %s until %s (%s)".formatted(s.id(), s.createdBy(),
                    s.endsAt(), s.comment())));
        }
        for (MaintenanceWindow w : windows) {
            if (w.covers(labels, now)) {
                return Optional.of(new Hold(HoldReason.MAINTENANCE, w.name()));
            }
        }
        Optional<String> upstream = dependencies.get().blockingUpstream(alert.component(),
                c -> incidents.hasOpenIncident(c) || openAlertsIn.applyAsInt(c) > 0);
        if (upstream.isPresent()) {
            String u = upstream.get();
            return Optional.of(new Hold(HoldReason.INHIBITED, "upstream %s%s".formatted(u,
                    incidents.openIncidentOf(u).map(id -> " has open incident " + id).orElse(" is alerting"))));
        }
        if (alert.incidentId().isPresent() && alert.severity().compareTo(AlertSeverity.CRITICAL) < 0
                && incidents.state(alert.incidentId().get()).filter(s -> s == IncidentState.MITIGATING).isPresent()) {
            Instant until = alert.startsAt().plus(healingGrace);
            if (now.isBefore(until)) {
                armGrace(alert.fingerprint(), Duration.between(now, until));
                return Optional.of(new Hold(HoldReason.HEALING, "incident %s is mitigating; sent at %s unless resolved"
                        .formatted(alert.incidentId().get(), until)));
            }
        }
        return Optional.empty();
    }

    /** Whether a silence or a maintenance window covers the alert now (a sent alert's repeats then stop). */
    boolean muted(Alert alert, Instant now) {
        Map<String, String> labels = alert.allLabels();
        return silences.matching(labels, now).isPresent() || windows.stream().anyMatch(w -> w.covers(labels, now));
    }

    /** The grace timer of the fingerprint fired; the next healing hold may arm another. */
    void graceTimerFired(String fingerprint) {
        graceTimers.remove(fingerprint);
    }

    /** The fingerprint's alert resolved: its grace timer, if any, is not needed. */
    void forget(String fingerprint) {
        Optional.ofNullable(graceTimers.remove(fingerprint)).ifPresent(Cancellable::cancel);
    }

    void close() {
        graceTimers.values().forEach(Cancellable::cancel);
    }

    private void armGrace(String fingerprint, Duration delay) {
        if (!graceTimers.containsKey(fingerprint)) {
            graceTimers.put(fingerprint, scheduler.schedule(delay, () -> graceEnded.accept(fingerprint)));
        }
    }
}
