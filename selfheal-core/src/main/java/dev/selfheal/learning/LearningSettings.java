package dev.selfheal.learning;

/**
 * How the learning system weighs its records and whether it may reorder plans
 * ({@code healing.learning} in the daemon's config).
 *
 * @param enabled    whether the learned order is used; off, plans keep the catalog's order and records are still
 *                   written, so turning it on again starts from everything seen meanwhile
 * @param halfLife   forgetting, in incidents of the same (problem type, kind): an outcome this many incidents old
 *                   counts half. Counted in incidents, not days, because a quiet week says nothing about a changed world.
 *                   A sudden change (an action that stops working) is caught by {@link DriftDetector} sooner
 * @param explore    whether an action that might beat the best may be tried first to learn (never above a lower-risk
 *                   action with a good record); off keeps the learned order only
 * @param goodRecord a lower bound on the verified-recovery rate above which an action has a good record: nothing riskier
 *                   goes ahead of it
 * @param ownRecords with fewer records than this of an incident's problem type on its kind, what fixed the most
 *                   similar past incidents (of other kinds or problem types) goes first
 */
public record LearningSettings(boolean enabled, double halfLife, boolean explore, double goodRecord, int ownRecords) {

    public static final double DEFAULT_HALF_LIFE = 50;

    public LearningSettings {
        if (!(halfLife >= 1) || Double.isInfinite(halfLife) && halfLife < 0) {
            throw new IllegalArgumentException("healing.learning.half-life must be at least 1 incident, got " + halfLife);
        }
        if (ownRecords < 0) {
            throw new IllegalArgumentException("healing.learning.own-records must be at least 0, got " + ownRecords);
        }
        if (!(goodRecord > 0 && goodRecord < 1)) {
            throw new IllegalArgumentException("learning good-record rate must be between 0 and 1, got " + goodRecord);
        }
    }

    public static final int DEFAULT_OWN_RECORDS = 5;

    /**
     * On, half-life 50 incidents, exploration on, a good record from a 90% lower bound of 0.75,
     * similar incidents consulted below 5 records of its own.
     */
    public static LearningSettings defaults() {
        return new LearningSettings(true, DEFAULT_HALF_LIFE, true, 0.75, DEFAULT_OWN_RECORDS);
    }

    public LearningSettings withOwnRecords(int value) {
        return new LearningSettings(enabled, halfLife, explore, goodRecord, value);
    }

    public LearningSettings withEnabled(boolean value) {
        return new LearningSettings(value, halfLife, explore, goodRecord, ownRecords);
    }

    public LearningSettings withExplore(boolean value) {
        return new LearningSettings(enabled, halfLife, value, goodRecord, ownRecords);
    }

    public LearningSettings withHalfLife(double value) {
        return new LearningSettings(enabled, value, explore, goodRecord, ownRecords);
    }
}
