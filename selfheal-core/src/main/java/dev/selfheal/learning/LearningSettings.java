package dev.selfheal.learning;

/**
 * How the learning system weighs its records.
 *
 * @param halfLife     forgetting, in incidents of the same (problem type, kind): an outcome this many incidents old
 *                     counts half. Counted in incidents, not days, because a quiet week says nothing about a changed world
 * @param explore      whether an action with too little evidence may be tried first to learn (never above a lower-risk
 *                     action with a good record); off keeps the learned order only
 * @param minEvidence  effective trials below which an action is "not known yet": it may be explored, and it never jumps
 *                     ahead of a lower-risk action
 * @param goodRecord   a lower bound on the verified-recovery rate above which an action has a good record: nothing riskier
 *                     goes ahead of it
 */
public record LearningSettings(double halfLife, boolean explore, double minEvidence, double goodRecord) {

    public LearningSettings {
        if (!(halfLife >= 1)) {
            throw new IllegalArgumentException("healing.learning.half-life must be at least 1 incident, got " + halfLife);
        }
        if (!(minEvidence > 0)) {
            throw new IllegalArgumentException("learning min evidence must be positive, got " + minEvidence);
        }
        if (!(goodRecord > 0 && goodRecord < 1)) {
            throw new IllegalArgumentException("learning good-record rate must be between 0 and 1, got " + goodRecord);
        }
    }

    /** Half-life 20 incidents, exploration on, 3 effective trials to be known, a good record from 0.75. */
    public static LearningSettings defaults() {
        return new LearningSettings(20, true, 3, 0.75);
    }

    public LearningSettings withExplore(boolean value) {
        return new LearningSettings(halfLife, value, minEvidence, goodRecord);
    }

    public LearningSettings withHalfLife(double value) {
        return new LearningSettings(value, explore, minEvidence, goodRecord);
    }
}
