package dev.selfheal.learning;

import dev.selfheal.incident.Incident;
import dev.selfheal.logs.RepeatingFailure;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.ActionOutcomes;
import dev.selfheal.recovery.Effectiveness;
import dev.selfheal.recovery.PlannedStep;
import dev.selfheal.recovery.RecoveryRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learning from recovery: every run the engine ends becomes a {@link RecoveryRecord} (written
 * off the engine's thread) and is learned from at once ({@link EffectivenessModel}, rebuilt from
 * the records at start-up); the planner's order comes from {@link PlanRanker}. Per (problem
 * type, action) outcome counts are still kept in an {@link EffectivenessStore} for the API. An outcome is a success only when the component was verified
 * healthy after the step, not when the action merely returned. A store that fails does not
 * stop healing: the failure is logged and the count or record lost.
 */
public final class LearningSystem implements ActionOutcomes {

    private static final Logger log = LoggerFactory.getLogger(LearningSystem.class);

    /** A failing store fails every update: the first with its trace, then a count a minute. */
    private final RepeatingFailure recordFailure = new RepeatingFailure(log, "effectiveness_record_failed");
    private final RepeatingFailure readFailure = new RepeatingFailure(log, "effectiveness_read_failed");

    private final EffectivenessStore store;
    private final RecoveryRecordStore records;
    private final RecordWriter writer;
    private final IncidentSurroundings surroundings;
    private final LearningSettings settings;
    private final EffectivenessModel model;
    private final PlanRanker ranker;
    /** When each component's last recorded incident opened: read on the engine's thread, so kept in memory. */
    private final Map<String, Instant> lastOpened = new ConcurrentHashMap<>();
    /** The newest records, for recommendations without a database query on every ask. */
    private final java.util.Deque<RecoveryRecord> recent = new java.util.ArrayDeque<>();
    private static final int RECENT = 5000;

    /** Counts only, records kept in memory: for tests and embedding. */
    public LearningSystem(EffectivenessStore store) {
        this(builder(store).writer(Runnable::run));
    }

    private LearningSystem(Builder b) {
        this.store = b.store;
        this.records = b.records;
        this.writer = new RecordWriter(b.records, b.writer);
        this.surroundings = b.surroundings;
        this.settings = b.settings;
        this.model = new EffectivenessModel(b.settings);
        this.ranker = new PlanRanker(b.settings);
        replay();
    }

    /** Rebuilds the model from the stored records, oldest first: what was learned survives a restart. */
    private void replay() {
        long after = 0;
        try {
            for (List<RecoveryRecord> page = records.after(after, 500); !page.isEmpty(); page = records.after(after, 500)) {
                for (RecoveryRecord r : page) {
                    model.learn(r);
                    remember(r);
                    lastOpened.merge(r.component(), r.openedAt(), (a, c) -> a.isAfter(c) ? a : c);
                    after = r.sequence();
                }
            }
        } catch (RuntimeException e) {
            log.error("event=learning_replay_failed after_seq={} error=\"{}\"", after, e.toString(), e);
        }
        if (model.records() > 0) {
            log.info("event=learning_replayed records={}", model.records());
        }
    }

    public static Builder builder(EffectivenessStore store) {
        return new Builder(store);
    }

    @Override
    public void record(ProblemType type, String action, boolean success, Duration duration) {
        try {
            Effectiveness now = store.record(type.name(), action, success, duration);
            recordFailure.succeeded();
            log.info("event=effectiveness_updated problem={} action={} success={} attempts={} successes={}",
                    type, action, success, now.attempts(), now.successes());
        } catch (RuntimeException e) {
            recordFailure.failed("problem=" + type + " action=" + action, e);
        }
    }

    @Override
    public Effectiveness effectiveness(ProblemType type, String action) {
        try {
            Effectiveness read = store.get(type.name(), action);
            readFailure.succeeded();
            return read;
        } catch (RuntimeException e) {
            readFailure.failed("problem=" + type + " action=" + action, e);
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

    /** Turns the run into a record in its situation, and queues it for the store. */
    @Override
    public void runEnded(RecoveryRun run) {
        RecoveryRecord record = RecoveryRecord.of(run, situation(run));
        lastOpened.merge(run.component(), run.openedAt(), (a, b) -> a.isAfter(b) ? a : b);
        model.learn(record);
        remember(record);
        writer.write(record);
        log.info("event=recovery_recorded incident={} component={} kind={} outcome={} verified={} steps={} took_ms={}",
                run.incidentId(), run.component(), record.kind(), run.outcome(), run.verified(), run.steps().size(),
                record.timeToRecovery().toMillis());
    }

    private RecoveryRecord.Situation situation(RecoveryRun run) {
        Instant previous = lastOpened.get(run.component());
        Optional<Duration> since = previous == null || previous.isAfter(run.openedAt())
                ? Optional.empty() : Optional.of(Duration.between(previous, run.openedAt()));
        try {
            return new RecoveryRecord.Situation(surroundings.kindOf(run.component()),
                    surroundings.unhealthyOtherThan(run.component()), surroundings.degradationLevel(), since);
        } catch (RuntimeException e) {
            log.warn("event=surroundings_read_failed component={} error=\"{}\"", run.component(), e.toString());
            return new RecoveryRecord.Situation(run.component(), List.of(), 0, since);
        }
    }

    /**
     * Orders the plan by learned effectiveness for the component's kind (see {@link PlanRanker}),
     * each step saying why. A failure, or learning turned off ({@link LearningSettings#enabled()}),
     * keeps the planner's fixed order.
     */
    @Override
    public List<PlannedStep> order(Incident incident, List<PlannedStep> candidates) {
        if (!settings.enabled()) {
            return candidates;
        }
        try {
            String kind = surroundings.kindOf(incident.component());
            List<PlannedStep> ranked = ranker.order(kind, candidates, step -> model.knowledge(step.problemType(), kind, step.name()));
            return ranked.isEmpty() ? ranked : fromSimilar(incident, kind, ranked);
        } catch (RuntimeException e) {
            log.warn("event=learned_order_failed incident={} error=\"{}\"", incident.id(), e.toString());
            return candidates;
        }
    }

    /**
     * When the incident's problem type has fewer than {@link LearningSettings#ownRecords()} records of
     * its own on this kind, what fixed the most similar past incidents ({@link #recommendations})
     * goes first: an action that fixed at least {@value #SIMILAR_SUPPORT} of the
     * {@value #SIMILAR} nearest, among the plan's own steps (nothing is added), and never ahead of
     * a lower-risk step with a good record. With enough records of its own, or nothing similar,
     * the learned order stands.
     */
    private List<PlannedStep> fromSimilar(Incident incident, String kind, List<PlannedStep> ranked) {
        ProblemType type = ranked.getFirst().problemType();
        long own = model.incidents(type, kind);
        if (own >= settings.ownRecords()) {
            return ranked;
        }
        for (Recommendations.Recommendation r : recommendations(incident, SIMILAR)) {
            if (r.fixed() < SIMILAR_SUPPORT) {
                break;
            }
            int at = -1;
            for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).name().equals(r.action())) {
                    at = i;
                    break;
                }
            }
            if (at < 0 || saferWithGoodRecord(ranked, ranked.get(at), kind)) {
                continue;
            }
            List<PlannedStep> out = new java.util.ArrayList<>(ranked);
            PlannedStep first = out.remove(at);
            out.addFirst(first.because("%s first, from similar incidents: %s of %s of kind %s of its own; it fixed %d of the %d most similar past incidents (%s), median %s"
                    .formatted(first.name(), own == 0 ? "no record" : own == 1 ? "1 record" : own + " records", type, kind,
                            r.fixed(), r.nearest(), String.join(", ", r.examples()), dev.selfheal.time.HumanDuration.of(r.medianTime()))));
            return out;
        }
        return ranked;
    }

    private boolean saferWithGoodRecord(List<PlannedStep> steps, PlannedStep candidate, String kind) {
        return steps.stream().anyMatch(s -> s.action().risk().compareTo(candidate.action().risk()) < 0
                && model.knowledge(s.problemType(), kind, s.name()).lower() >= settings.goodRecord());
    }

    /** How many nearest past incidents the planner asks, and how many of them an action must have fixed. */
    static final int SIMILAR = 5;
    static final int SIMILAR_SUPPORT = 2;

    private void remember(RecoveryRecord r) {
        synchronized (recent) {
            recent.addLast(r);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    /**
     * What fixed the past incidents most like {@code incident} (its situation read now), from the
     * newest {@value #RECENT} records; see {@link Recommendations}.
     */
    public List<Recommendations.Recommendation> recommendations(Incident incident, int k) {
        var opened = incident.openedAt().atZone(java.time.ZoneOffset.UTC);
        String component = incident.component();
        Recommendations.Query q;
        try {
            q = new Recommendations.Query(incident.id(), component, surroundings.kindOf(component), incident.problemTypes(),
                    surroundings.unhealthyOtherThan(component), opened.getHour(), opened.getDayOfWeek(), surroundings.degradationLevel());
        } catch (RuntimeException e) {
            q = new Recommendations.Query(incident.id(), component, component, incident.problemTypes(), List.of(), opened.getHour(),
                    opened.getDayOfWeek(), 0);
        }
        List<RecoveryRecord> snapshot;
        synchronized (recent) {
            snapshot = List.copyOf(recent);
        }
        return Recommendations.recommend(q, snapshot, k);
    }

    /** What is known of each (problem type, kind, action), for the API. */
    public List<ActionKnowledge> knowledge() {
        return model.all();
    }

    public LearningSettings settings() {
        return settings;
    }

    /** The records, for the API and for what learns from them. */
    public RecoveryRecordStore records() {
        return records;
    }

    /** Records written so far and writes that failed (since start). */
    public long recordsWritten() {
        return writer.written();
    }

    public long recordWritesFailed() {
        return writer.failed();
    }

    /** Wires a learning system; only the effectiveness store is required. */
    public static final class Builder {
        private final EffectivenessStore store;
        private RecoveryRecordStore records = new InMemoryRecoveryRecordStore();
        private Executor writer;
        private IncidentSurroundings surroundings = IncidentSurroundings.none();
        private LearningSettings settings = LearningSettings.defaults();

        private Builder(EffectivenessStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        public Builder records(RecoveryRecordStore value) {
            this.records = Objects.requireNonNull(value, "records");
            return this;
        }

        /** Where records are written (default: one daemon thread, so they stay in order). */
        public Builder writer(Executor value) {
            this.writer = Objects.requireNonNull(value, "writer");
            return this;
        }

        public Builder surroundings(IncidentSurroundings value) {
            this.surroundings = Objects.requireNonNull(value, "surroundings");
            return this;
        }

        public Builder settings(LearningSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Builds it and replays the stored records into what it knows. */
        public LearningSystem build() {
            if (writer == null) {
                writer = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "selfheal-record-writer");
                    t.setDaemon(true);
                    return t;
                });
            }
            return new LearningSystem(this);
        }
    }
}
