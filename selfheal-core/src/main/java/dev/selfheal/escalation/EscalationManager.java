package dev.selfheal.escalation;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.AlertListener;
import dev.selfheal.alerting.AlertStatus;
import dev.selfheal.events.EscalationStepRan;
import dev.selfheal.events.EventBus;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalation: when an alert first reaches a person, its policy's levels are
 * scheduled; an acknowledgement or a resolution cancels what has not run yet. Each step is a
 * small state machine ({@link EscalationStepState}) and each run is published as
 * {@link EscalationStepRan}. A step that throws is FAILED, logged, and the next level still
 * runs: an escalation never stops because one channel is down.
 */
public final class EscalationManager implements AlertListener {

    private static final Logger log = LoggerFactory.getLogger(EscalationManager.class);

    /** One scheduled level of one round for one alert. */
    public static final class Step {
        private final String alertId;
        private final String policy;
        private final int level;
        private final int round;
        private final EscalationAction action;
        private final Instant due;
        private EscalationStepState state = EscalationStepState.PENDING;
        private String outcome = "";
        private Cancellable timer = Cancellable.NONE;

        Step(String alertId, String policy, int level, int round, EscalationAction action, Instant due) {
            this.alertId = alertId;
            this.policy = policy;
            this.level = level;
            this.round = round;
            this.action = action;
            this.due = due;
        }

        public int level() {
            return level;
        }

        public int round() {
            return round;
        }

        public EscalationAction action() {
            return action;
        }

        public Instant due() {
            return due;
        }

        public synchronized EscalationStepState state() {
            return state;
        }

        public synchronized String outcome() {
            return outcome;
        }

        synchronized boolean move(EscalationStepState next, String what) {
            if (!state.canMoveTo(next)) {
                return false;
            }
            state = next;
            outcome = what;
            return true;
        }
    }

    private final Scheduler scheduler;
    private final EventBus bus;
    private final Map<String, EscalationPolicy> policies;
    private final Map<String, OnCallSchedule> schedules;
    private final Optional<String> defaultPolicy;
    private final EscalationActions actions;
    private final Map<String, List<Step>> byAlert = new HashMap<>();
    private final Map<String, Alert> alerts = new HashMap<>();

    public EscalationManager(Scheduler scheduler, EventBus bus, Map<String, EscalationPolicy> policies,
                             Map<String, OnCallSchedule> schedules, Optional<String> defaultPolicy, EscalationActions actions) {
        this.scheduler = scheduler;
        this.bus = bus;
        this.policies = Map.copyOf(policies);
        this.schedules = Map.copyOf(schedules);
        this.defaultPolicy = defaultPolicy;
        this.actions = actions;
        defaultPolicy.filter(p -> !policies.containsKey(p)).ifPresent(p -> {
            throw new IllegalArgumentException("default escalation policy '%s' is not defined; policies: %s"
                    .formatted(p, String.join(", ", policies.keySet())));
        });
        for (EscalationPolicy p : policies.values()) {
            for (EscalationLevel l : p.levels()) {
                if (l.action() instanceof EscalationAction.NotifyOnCall n && !schedules.containsKey(n.schedule())) {
                    throw new IllegalArgumentException("escalation policy %s: on-call schedule '%s' is not defined"
                            .formatted(p.name(), n.schedule()));
                }
            }
        }
    }

    @Override
    public void firstSent(Alert alert, Optional<String> routePolicy) {
        Optional<String> name = routePolicy.or(() -> defaultPolicy);
        if (name.isEmpty()) {
            return;
        }
        EscalationPolicy policy = policies.get(name.get());
        if (policy == null) {
            log.error("event=escalation_policy_unknown alert={} policy={}", alert.id(), name.get());
            return;
        }
        Instant start = scheduler.clock().instant();
        List<Step> steps = new ArrayList<>();
        for (int round = 0; round <= policy.repeats(); round++) {
            Duration roundStart = policy.roundLength().multipliedBy(round);
            for (int i = 0; i < policy.levels().size(); i++) {
                EscalationLevel level = policy.levels().get(i);
                steps.add(new Step(alert.id(), policy.name(), i + 1, round, level.action(), start.plus(roundStart).plus(level.after())));
            }
        }
        synchronized (this) {
            if (byAlert.containsKey(alert.id())) {
                return;
            }
            byAlert.put(alert.id(), steps);
            alerts.put(alert.id(), alert);
            for (Step s : steps) {
                s.timer = scheduler.schedule(Duration.between(start, s.due()), () -> run(s));
            }
        }
        log.info("event=escalation_started alert={} policy={} steps={}", alert.id(), policy.name(), steps.size());
    }

    @Override
    public void closed(Alert alert, AlertStatus how) {
        List<Step> steps;
        synchronized (this) {
            steps = byAlert.remove(alert.id());
            alerts.remove(alert.id());
        }
        if (steps == null) {
            return;
        }
        int cancelled = 0;
        for (Step s : steps) {
            if (s.move(EscalationStepState.CANCELLED, how.label())) {
                s.timer.cancel();
                cancelled++;
            }
        }
        log.info("event=escalation_stopped alert={} by={} cancelled_steps={}", alert.id(), how.label(), cancelled);
    }

    /** The steps of an alert's escalation (empty when none runs). */
    public synchronized List<Step> steps(String alertId) {
        return List.copyOf(byAlert.getOrDefault(alertId, List.of()));
    }

    private void run(Step step) {
        Alert alert;
        synchronized (this) {
            alert = alerts.get(step.alertId);
        }
        if (alert == null || step.state() != EscalationStepState.PENDING) {
            return;
        }
        String note = "escalation %s level %d%s: unacknowledged since %s".formatted(step.policy, step.level,
                step.round > 0 ? " (repeat " + step.round + ")" : "", alert.lastNotifiedAt().orElse(alert.startsAt()));
        EscalationStepState result;
        String outcome;
        try {
            outcome = switch (step.action) {
                case EscalationAction.NotifyOnCall n -> actions.notifyPerson(schedules.get(n.schedule()).onCall(scheduler.clock().instant()),
                        alert, note);
                case EscalationAction.NotifyReceiver r -> actions.notifyReceiver(r.receiver(), alert, note);
                case EscalationAction.RunEmergencyRecovery r -> actions.runEmergencyRecovery(alert);
                case EscalationAction.EmergencyShutdown s -> actions.emergencyShutdown(alert, note);
            };
            result = EscalationStepState.RAN;
        } catch (Exception e) {
            outcome = "failed: " + e.getMessage();
            result = EscalationStepState.FAILED;
        }
        if (!step.move(result, outcome)) {
            return;
        }
        log.info("event=escalation_step alert={} policy={} level={} round={} action={} state={} outcome=\"{}\"", alert.id(),
                step.policy, step.level, step.round, step.action.describe(), result, outcome);
        bus.publish(new EscalationStepRan(alert.id(), step.policy, step.level, step.round, step.action.describe(), outcome,
                scheduler.clock().instant()));
    }
}
