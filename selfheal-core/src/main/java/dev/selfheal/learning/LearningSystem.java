package dev.selfheal.learning;

import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.ActionOutcomes;
import dev.selfheal.recovery.Effectiveness;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learning from recovery records: per (problem type, action) outcome counts. An outcome
 * is a success only when the component was verified healthy after the step, not when the
 * action merely returned; the planner orders same-risk actions by the resulting success rate.
 * A store that fails does not stop healing: the failure is logged and the count lost.
 */
public final class LearningSystem implements ActionOutcomes {

    private static final Logger log = LoggerFactory.getLogger(LearningSystem.class);

    private final EffectivenessStore store;

    public LearningSystem(EffectivenessStore store) {
        this.store = store;
    }

    @Override
    public void record(ProblemType type, String action, boolean success, Duration duration) {
        try {
            Effectiveness now = store.record(type.name(), action, success, duration);
            log.info("event=effectiveness_updated problem={} action={} success={} attempts={} successes={}",
                    type, action, success, now.attempts(), now.successes());
        } catch (RuntimeException e) {
            log.error("event=effectiveness_record_failed problem={} action={} error=\"{}\"", type, action, e.toString(), e);
        }
    }

    @Override
    public Effectiveness effectiveness(ProblemType type, String action) {
        try {
            return store.get(type.name(), action);
        } catch (RuntimeException e) {
            log.warn("event=effectiveness_read_failed problem={} action={} error=\"{}\"", type, action, e.toString());
            return Effectiveness.none(type.name(), action);
        }
    }

    public double successRate(ProblemType type, String action) {
        return effectiveness(type, action).successRate();
    }

    @Override
    public List<Effectiveness> all() {
        return store.all();
    }
}
