package dev.selfheal.demo.orchestrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The final account of a run: every event generated, and what became of it, checked against
 * what the simulators say they applied.
 *
 * <ul>
 *   <li>{@code done}: every step applied, once (live or by replay); {@code replayed} counts those
 *       of them that needed the outbox;</li>
 *   <li>{@code parked}: some step still waits in the outbox (nothing lost: it will be replayed);</li>
 *   <li>{@code lost}: generated but not in the ledger, a step neither applied nor parked, or a step
 *       the ledger calls applied that its simulator never applied;</li>
 *   <li>{@code duplicated}: events with a step applied more than once by its simulator.</li>
 * </ul>
 */
public record Account(long events, long done, long parked, long replayed, long lost, long duplicated, long failed,
                      List<String> problems) {

    public String resultLine() {
        return "RESULT events=%d done=%d parked=%d replayed=%d lost=%d duplicated=%d".formatted(events, done, parked, replayed, lost, duplicated);
    }

    /** Reconciles the ledger with the simulators' applications. */
    public static Account of(long generated, List<EventLedger.EventSteps> ledger, Map<String, SimulatorAdmin.Applications> applications) {
        return of(generated, ledger, applications, List.of());
    }

    /**
     * As above; {@code unread} names the simulators whose applications could not be read (down at
     * the end): their steps are checked against the ledger only, and the problem is listed.
     */
    public static Account of(long generated, List<EventLedger.EventSteps> ledger, Map<String, SimulatorAdmin.Applications> applications,
                             List<String> unread) {
        long done = 0;
        long parked = 0;
        long replayed = 0;
        long lost = 0;
        long duplicated = 0;
        long failed = 0;
        List<String> problems = new ArrayList<>();
        unread.forEach(u -> problems.add("could not read the applications of " + u + ": its steps are checked against the ledger only"));
        for (EventLedger.EventSteps e : ledger) {
            boolean twice = false;
            boolean missing = false;
            for (Step step : Step.values()) {
                StepState state = e.states.get(step);
                SimulatorAdmin.Applications apps = applications.get(step.integration());
                int applied = apps == null ? -1 : apps.appliedByKey().getOrDefault(step.key(e.eventId), 0);
                if (applied > 1) {
                    twice = true;
                    problems.add("%s applied %d times by %s".formatted(step.key(e.eventId), applied, step.integration()));
                }
                if ((state == StepState.DONE || state == StepState.REPLAYED) && applied == 0 && apps != null) {
                    missing = true;
                    problems.add("%s is %s in the ledger but %s never applied it".formatted(step.key(e.eventId), state, step.integration()));
                }
            }
            if (twice) {
                duplicated++;
            }
            if (!e.failures.isEmpty()) {
                failed++;
                problems.add(e.eventId + " failed: " + String.join("; ", e.failures));
            }
            if (e.allApplied() && !missing) {
                done++;
                if (e.wasParked) {
                    replayed++;
                }
            } else if (e.anyParked() && !missing && e.failures.isEmpty() && !e.states.containsValue(StepState.PENDING)) {
                parked++;
            } else {
                lost++;
                if (problems.size() < 50) {
                    problems.add(e.eventId + " is lost: " + e.states);
                }
            }
        }
        long notInLedger = Math.max(0, generated - ledger.size());
        if (notInLedger > 0) {
            problems.add(notInLedger + " generated events never reached the ledger");
        }
        lost += notInLedger;
        long events = Math.max(generated, ledger.size());
        return new Account(events, done, parked, replayed, lost, duplicated, failed, List.copyOf(problems));
    }
}
