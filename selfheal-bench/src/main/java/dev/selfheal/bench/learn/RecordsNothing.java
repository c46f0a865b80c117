package dev.selfheal.bench.learn;

import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.ActionOutcomes;
import dev.selfheal.recovery.Effectiveness;
import java.time.Duration;
import java.util.List;

/**
 * Outcomes that learn nothing: every action untried, every record dropped. The bench's planners
 * that do not learn (the oracle, the fixed baseline) start from it and at most reorder a plan.
 */
abstract class RecordsNothing implements ActionOutcomes {

    @Override
    public Effectiveness effectiveness(ProblemType type, String action) {
        return Effectiveness.none(type.name(), action);
    }

    @Override
    public void record(ProblemType type, String action, boolean success, Duration duration) { }

    @Override
    public List<Effectiveness> all() {
        return List.of();
    }
}
