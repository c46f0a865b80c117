package dev.selfheal.learning;

import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.RecoveryRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Effectiveness learned from recovery records, per (problem type, component kind, action).
 *
 * <p>Each record advances the incident count of its (problem type, kind) by one, and every step
 * that ran adds one outcome to its action: verified or not, with the time from the step's start
 * to its verdict. Outcomes are forgotten exponentially in incidents of the same (problem type,
 * kind): with a half-life of 20, the outcome of 20 incidents ago weighs half. So a world that
 * changes is noticed within a few incidents, and a quiet month changes nothing.
 *
 * <p>The model lives in memory and is rebuilt at start-up by replaying the records in order, so
 * it survives a restart exactly. Thread-safe.
 */
public final class EffectivenessModel {

    private record Key(String problemType, String kind) { }

    private record ActionKey(String problemType, String kind, String action) { }

    private final double decay;
    private final Map<Key, Long> ticks = new HashMap<>();
    private final Map<ActionKey, ActionTrackRecord> tracks = new HashMap<>();
    private long records;
    private long changes;

    /** Trials' weight the record of each action keeps after a detected change of its (problem type, kind). */
    static final double AFTER_CHANGE = 2;

    public EffectivenessModel(LearningSettings settings) {
        this.decay = Math.pow(0.5, 1.0 / settings.halfLife());
    }

    /** Learns from one record. */
    public synchronized void learn(RecoveryRecord record) {
        records++;
        Set<String> types = new LinkedHashSet<>();
        record.problemTypes().forEach(t -> types.add(t.name()));
        record.steps().forEach(s -> types.add(s.problemType().name()));
        for (String type : types) {
            ticks.merge(new Key(type, record.kind()), 1L, Long::sum);
        }
        for (RecoveryRun.Step step : record.steps()) {
            String type = step.problemType().name();
            long tick = ticks.get(new Key(type, record.kind()));
            ActionTrackRecord track = tracks.computeIfAbsent(new ActionKey(type, record.kind(), step.action()),
                    k -> new ActionTrackRecord());
            track.age(tick, decay);
            if (track.add(step.verified(), step.toVerdict())) {
                changed(type, record.kind(), tick);
            }
        }
    }

    /**
     * One action of (type, kind) was seen to stop working: the world of that fault on that kind
     * changed (a release, a new dependency), so nothing learned there before is trusted as it was.
     * Every action's older record keeps at most {@link #AFTER_CHANGE} trials' weight, enough to
     * order a first attempt, too little to stop exploration from checking again.
     */
    private void changed(String type, String kind, long tick) {
        changes++;
        tracks.forEach((k, t) -> {
            if (k.problemType().equals(type) && k.kind().equals(kind)) {
                t.age(tick, decay);
                t.distrustBefore(AFTER_CHANGE);
            }
        });
    }

    /** What is known now of {@code action} against {@code type} on components of {@code kind}. */
    public synchronized ActionKnowledge knowledge(ProblemType type, String kind, String action) {
        ActionKey key = new ActionKey(type.name(), kind, action);
        ActionTrackRecord track = tracks.get(key);
        return track == null ? ActionKnowledge.none(type.name(), kind, action) : view(key, track);
    }

    /** How many incidents of (type, kind) were learned from. */
    public synchronized long incidents(ProblemType type, String kind) {
        return ticks.getOrDefault(new Key(type.name(), kind), 0L);
    }

    public synchronized long records() {
        return records;
    }

    /** Changes detected so far (an action that stopped working; see {@link DriftDetector}). */
    public synchronized long changesDetected() {
        return changes;
    }

    /** Everything known, by problem type, kind and action. */
    public synchronized List<ActionKnowledge> all() {
        List<ActionKnowledge> all = new ArrayList<>();
        tracks.forEach((k, t) -> all.add(view(k, t)));
        all.sort(Comparator.comparing(ActionKnowledge::problemType).thenComparing(ActionKnowledge::kind)
                .thenComparing(ActionKnowledge::action));
        return all;
    }

    private ActionKnowledge view(ActionKey key, ActionTrackRecord track) {
        track.age(ticks.getOrDefault(new Key(key.problemType(), key.kind()), 0L), decay);
        List<ActionTrackRecord.Outcome> recent = track.recent();
        List<Duration> verified = recent.stream().filter(ActionTrackRecord.Outcome::verified)
                .map(ActionTrackRecord.Outcome::toVerdict).sorted().toList();
        Optional<Duration> median = verified.isEmpty() ? Optional.empty() : Optional.of(verified.get(verified.size() / 2));
        return new ActionKnowledge(key.problemType(), key.kind(), key.action(), track.successes(), track.failures(),
                Optional.ofNullable(track.successTime()), Optional.ofNullable(track.failureTime()), recent.size(),
                verified.size(), median);
    }
}
