package dev.selfheal.demo.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static EventLedger.EventSteps event(String id, StepState... states) {
        EventLedger.EventSteps e = new EventLedger.EventSteps(id);
        for (int i = 0; i < states.length; i++) {
            e.states.put(Step.values()[i], states[i]);
            e.wasParked |= states[i] == StepState.PARKED || states[i] == StepState.REPLAYED;
        }
        return e;
    }

    private static Map<String, SimulatorAdmin.Applications> applied(Map<String, Integer> overrides, List<EventLedger.EventSteps> events) {
        Map<String, SimulatorAdmin.Applications> all = new HashMap<>();
        for (Step step : Step.values()) {
            Map<String, Integer> byKey = new HashMap<>();
            for (EventLedger.EventSteps e : events) {
                StepState s = e.states.get(step);
                if (s == StepState.DONE || s == StepState.REPLAYED) {
                    byKey.put(step.key(e.eventId), 1);
                }
            }
            overrides.forEach((k, v) -> {
                if (k.endsWith(":" + step.integration())) {
                    byKey.put(k, v);
                }
            });
            all.put(step.integration(), new SimulatorAdmin.Applications(step.integration(), byKey, 0, 0));
        }
        return all;
    }

    @Test
    void everyEventIsDoneParkedOrLostAndTheSimulatorsHaveTheLastWord() {
        var done = event("e1", StepState.DONE, StepState.DONE, StepState.DONE, StepState.DONE);
        var replayed = event("e2", StepState.DONE, StepState.REPLAYED, StepState.DONE, StepState.DONE);
        var parked = event("e3", StepState.DONE, StepState.PARKED, StepState.DONE, StepState.DONE);
        var failed = event("e4", StepState.DONE, StepState.FAILED, StepState.DONE, StepState.DONE);
        var twice = event("e5", StepState.DONE, StepState.DONE, StepState.DONE, StepState.DONE);
        var notApplied = event("e6", StepState.DONE, StepState.DONE, StepState.DONE, StepState.DONE);
        List<EventLedger.EventSteps> events = List.of(done, replayed, parked, failed, twice, notApplied);

        Account account = Account.of(7, events, applied(Map.of("e5:slack", 2, "e6:github", 0), events));

        assertThat(account.resultLine()).isEqualTo("RESULT events=7 done=3 parked=1 replayed=1 lost=3 duplicated=1");
        assertThat(account.problems()).anyMatch(p -> p.contains("e5:slack applied 2 times"))
                .anyMatch(p -> p.contains("e6:github is DONE in the ledger but github never applied it"))
                .anyMatch(p -> p.contains("1 generated events never reached the ledger"));
    }
}
