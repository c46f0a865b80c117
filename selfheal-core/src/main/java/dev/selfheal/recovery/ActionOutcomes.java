package dev.selfheal.recovery;

import dev.selfheal.incident.ProblemType;
import java.time.Duration;
import java.util.List;

/**
 * How well each action has done against each problem type: the planner reads it to order
 * same-risk actions, and the engine reports every verified step outcome to it.
 *
 * <p>This is the seam between recovery and what learns from recovery. Recovery sits below
 * learning and may not import it, so learning ({@code dev.selfheal.learning.LearningSystem})
 * implements this interface and is handed to {@link RecoveryEngine.Builder#learning}. A
 * capability above recovery that wants a say in the order of a plan does the same: it
 * implements this interface (or wraps the learning system's) and is given to the builder.
 * Implementations are thread-safe and never throw: a failed read answers
 * {@link Effectiveness#none}, a failed record is logged and dropped.
 */
public interface ActionOutcomes {

    /** The totals for {@code action} against {@code type}, or {@link Effectiveness#none} when never tried. */
    Effectiveness effectiveness(ProblemType type, String action);

    /** Adds one outcome: {@code success} only when the component was verified healthy after the step. */
    void record(ProblemType type, String action, boolean success, Duration duration);

    /** Everything recorded so far, by problem type then action. */
    List<Effectiveness> all();

    /**
     * Called once when the engine stops working an incident (resolved or escalated), under the
     * engine's lock: implementations hand the run on and return at once.
     */
    default void runEnded(RecoveryRun run) { }

    /**
     * The order to try {@code candidates} in for {@code incident}. They arrive in the planner's
     * fixed order (risk, then success rate, then the catalog's order); an implementation may
     * reorder them and say why in {@link PlannedStep#why()}, but must return exactly the same
     * steps. The planner checks that, and keeps its own order when the answer is not a permutation.
     */
    default List<PlannedStep> order(dev.selfheal.incident.Incident incident, List<PlannedStep> candidates) {
        return candidates;
    }

    /** Outcomes kept in memory only, forgotten on restart: the engine's default. */
    static ActionOutcomes inMemory() {
        return new InMemoryActionOutcomes();
    }
}
