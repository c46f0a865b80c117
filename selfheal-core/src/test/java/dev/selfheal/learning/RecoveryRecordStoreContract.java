package dev.selfheal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.RecoveryRun;
import dev.selfheal.recovery.Risk;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link RecoveryRecordStore} runs (core test jar). */
public abstract class RecoveryRecordStoreContract {

    protected abstract RecoveryRecordStore newStore() throws Exception;

    /**
     * The same records as a daemon restarted on the same database would see them: by default the
     * same store (a JDBC store keeps nothing in memory); a file-backed one reopens its file.
     */
    protected RecoveryRecordStore reopened(RecoveryRecordStore store) throws Exception {
        return store;
    }

    private RecoveryRecordStore store;

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore();
    }

    /** A record with every field set to something other than its default. */
    public static RecoveryRecord sample(String incident, String component, Instant openedAt) {
        return new RecoveryRecord(0, incident, component, "api", List.of(ProblemType.PROCESS_DOWN, ProblemType.HIGH_MEMORY_USAGE),
                List.of("db-1", "worker-2"), 13, DayOfWeek.TUESDAY, 2, Optional.of(Duration.ofMinutes(42)),
                List.of("restart_service", "clear_cache"),
                List.of(new RecoveryRun.Step("restart_service", ProblemType.PROCESS_DOWN, Risk.MEDIUM, "FAILED", false,
                                Duration.ofMillis(1500), Duration.ofMillis(1600)),
                        new RecoveryRun.Step("clear_cache", ProblemType.HIGH_MEMORY_USAGE, Risk.LOW, "SUCCEEDED", true,
                                Duration.ofMillis(250), Duration.ofSeconds(12, 123_456_789))),
                IncidentState.RESOLVED, true, openedAt, openedAt.plusSeconds(30).plusNanos(7), "verified after clear_cache: ok");
    }

    @Test
    void a_record_comes_back_exactly_with_a_sequence() {
        Instant t0 = Instant.parse("2026-03-03T13:05:00.123456789Z");
        RecoveryRecord kept = store.append(sample("inc-1", "github-api", t0));

        assertThat(kept.sequence()).isPositive();
        assertThat(store.forIncident("inc-1")).containsExactly(kept);
        assertThat(kept).isEqualTo(sample("inc-1", "github-api", t0).withSequence(kept.sequence()));
        assertThat(kept.fixedBy()).contains("clear_cache");
        assertThat(kept.timeToRecovery()).isEqualTo(Duration.ofSeconds(30, 7));
    }

    @Test
    void a_record_with_nothing_optional_comes_back_as_well() {
        Instant t0 = Instant.parse("2026-03-03T00:00:00Z");
        RecoveryRecord bare = new RecoveryRecord(0, "inc-9", "worker", "worker", List.of(ProblemType.PROCESS_DOWN), List.of(), 0,
                DayOfWeek.SUNDAY, 0, Optional.empty(), List.of(), List.of(), IncidentState.ESCALATED, false, t0, t0, "");

        RecoveryRecord kept = store.append(bare);

        assertThat(store.forIncident("inc-9")).containsExactly(bare.withSequence(kept.sequence()));
        assertThat(kept.fixedBy()).isEmpty();
    }

    @Test
    void pages_go_back_in_time_and_replays_forward() {
        Instant t0 = Instant.parse("2026-03-03T00:00:00Z");
        long[] seq = new long[5];
        for (int i = 0; i < 5; i++) {
            seq[i] = store.append(sample("inc-" + i, i % 2 == 0 ? "a" : "b", t0.plusSeconds(i))).sequence();
        }
        for (int i = 1; i < 5; i++) {
            assertThat(seq[i]).isGreaterThan(seq[i - 1]);
        }

        assertThat(store.before(Long.MAX_VALUE, 2)).extracting(RecoveryRecord::incidentId).containsExactly("inc-4", "inc-3");
        assertThat(store.before(seq[3], 10)).extracting(RecoveryRecord::incidentId).containsExactly("inc-2", "inc-1", "inc-0");
        assertThat(store.after(0, 2)).extracting(RecoveryRecord::incidentId).containsExactly("inc-0", "inc-1");
        assertThat(store.after(seq[1], 10)).extracting(RecoveryRecord::incidentId).containsExactly("inc-2", "inc-3", "inc-4");
        assertThat(store.lastFor("b")).map(RecoveryRecord::incidentId).contains("inc-3");
        assertThat(store.lastFor("nobody")).isEmpty();
    }

    @Test
    void what_was_learned_survives_a_restart_with_its_order_explanations_and_a_detected_change() throws Exception {
        Instant t0 = Instant.parse("2026-03-03T00:00:00Z");
        LearningSystem before = learning(store);
        for (int i = 0; i < 30; i++) {
            run(before, "inc-" + i, t0.plusSeconds(600L * i), "restart_service", i == 4, "reload_config", i != 4);
        }
        // reload_config stops working: a change the restarted system must also know of
        for (int i = 30; i < 33; i++) {
            run(before, "inc-" + i, t0.plusSeconds(600L * i), "reload_config", false, "restart_service", true);
        }
        List<dev.selfheal.recovery.PlannedStep> planned = plan(before);

        LearningSystem after = learning(reopened(store));

        assertThat(after.knowledge()).isEqualTo(before.knowledge()).isNotEmpty();
        assertThat(plan(after)).extracting(dev.selfheal.recovery.PlannedStep::name)
                .isEqualTo(planned.stream().map(dev.selfheal.recovery.PlannedStep::name).toList());
        assertThat(plan(after)).extracting(dev.selfheal.recovery.PlannedStep::why)
                .isEqualTo(planned.stream().map(dev.selfheal.recovery.PlannedStep::why).toList());
        assertThat(after.knowledge()).filteredOn(k -> k.action().equals("reload_config")).singleElement()
                .satisfies(k -> assertThat(k.evidence()).as("29 outcomes before the change now weigh 2, plus 3 after").isLessThan(6));
    }

    private static LearningSystem learning(RecoveryRecordStore records) {
        IncidentSurroundings none = IncidentSurroundings.none();
        return LearningSystem.builder(new InMemoryEffectivenessStore()).writer(Runnable::run).records(records)
                .surroundings(new IncidentSurroundings() {
                    public String kindOf(String component) {
                        return "api";
                    }

                    public List<String> unhealthyOtherThan(String component) {
                        return none.unhealthyOtherThan(component);
                    }

                    public int degradationLevel() {
                        return 0;
                    }
                }).build();
    }

    private static void run(LearningSystem learning, String incident, Instant at, String first, boolean firstWorks, String second,
                            boolean secondWorks) {
        List<RecoveryRun.Step> steps = new java.util.ArrayList<>();
        steps.add(new RecoveryRun.Step(first, ProblemType.PROCESS_DOWN, Risk.LOW, "SUCCEEDED", firstWorks,
                Duration.ofSeconds(5), Duration.ofSeconds(firstWorks ? 8 : 60)));
        if (!firstWorks) {
            steps.add(new RecoveryRun.Step(second, ProblemType.PROCESS_DOWN, Risk.LOW, "SUCCEEDED", secondWorks,
                    Duration.ofSeconds(5), Duration.ofSeconds(secondWorks ? 20 : 60)));
        }
        boolean verified = steps.stream().anyMatch(RecoveryRun.Step::verified);
        learning.runEnded(new RecoveryRun(incident, "api-1", List.of(ProblemType.PROCESS_DOWN),
                steps.stream().map(RecoveryRun.Step::action).toList(), steps,
                verified ? IncidentState.RESOLVED : IncidentState.ESCALATED, verified, at, at, at.plusSeconds(60), ""));
    }

    private static List<dev.selfheal.recovery.PlannedStep> plan(LearningSystem learning) {
        dev.selfheal.incident.Incident incident = dev.selfheal.incident.Incident.open("inc-next", new dev.selfheal.incident.Problem(
                ProblemType.PROCESS_DOWN, "api-1", dev.selfheal.incident.Severity.HIGH, "down", "health", Instant.parse("2026-03-04T00:00:00Z")));
        return learning.order(incident, List.of(
                new dev.selfheal.recovery.PlannedStep(new dev.selfheal.recovery.ScriptedAction("reload_config").risk(Risk.LOW),
                        ProblemType.PROCESS_DOWN, 0.5, Duration.ofSeconds(30)),
                new dev.selfheal.recovery.PlannedStep(new dev.selfheal.recovery.ScriptedAction("restart_service").risk(Risk.LOW),
                        ProblemType.PROCESS_DOWN, 0.5, Duration.ofSeconds(30))));
    }
}
