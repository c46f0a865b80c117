package dev.selfheal.prediction;

import dev.selfheal.incident.ProblemType;

/**
 * What a resource is, which says what prevents its exhaustion: each kind reports its own problem
 * type, and the catalog maps each type to its preventive actions (memory: collect, clear a cache,
 * restart; a quota: degrade the features that spend it; a queue: scale or degrade; a pool: clear
 * dead connections or scale; files: restart). A disk has no default: what may be deleted is the
 * operator's to say (a {@code command} action mapped to {@code predicted_exhaustion_disk}).
 */
public enum ResourceKind {
    MEMORY(ProblemType.PREDICTED_MEMORY_EXHAUSTION),
    DISK(ProblemType.PREDICTED_DISK_EXHAUSTION),
    QUOTA(ProblemType.PREDICTED_QUOTA_EXHAUSTION),
    QUEUE(ProblemType.PREDICTED_QUEUE_EXHAUSTION),
    POOL(ProblemType.PREDICTED_POOL_EXHAUSTION),
    FILES(ProblemType.PREDICTED_FILES_EXHAUSTION),
    OTHER(ProblemType.PREDICTED_EXHAUSTION);

    private final ProblemType problemType;

    ResourceKind(ProblemType problemType) {
        this.problemType = problemType;
    }

    /** The problem type a forecast exhaustion of this kind is reported as. */
    public ProblemType problemType() {
        return problemType;
    }

    /** Its name in config: {@code memory}, {@code disk}, ..., {@code other}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind named {@code key} in config. */
    public static java.util.Optional<ResourceKind> ofKey(String key) {
        return java.util.Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }
}
