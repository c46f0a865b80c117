package dev.selfheal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.recovery.PlannedStep;
import dev.selfheal.recovery.RecoveryRun;
import dev.selfheal.recovery.Risk;
import dev.selfheal.recovery.ScriptedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learned order on "virtual time": the clock of forgetting is the count of incidents, so each
 * test feeds runs one by one and asks for the order in between.
 */
class LearnedOrderTest {

    private static final ProblemType CRASH = ProblemType.PROCESS_DOWN;
    private final Instant t0 = Instant.parse("2026-05-01T10:00:00Z");
    private int incidents;

    private final PlannedStep restart = step("restart_service", Risk.LOW);
    private final PlannedStep reload = step("reload_config", Risk.LOW);
    private final PlannedStep failover = step("failover", Risk.MEDIUM);

    private static PlannedStep step(String name, Risk risk) {
        return new PlannedStep(new ScriptedAction(name).risk(risk), CRASH, 0.5, Duration.ofSeconds(30));
    }

    private LearningSystem learning(LearningSettings settings) {
        return LearningSystem.builder(new InMemoryEffectivenessStore()).writer(Runnable::run).settings(settings)
                .surroundings(kindIsApi()).build();
    }

    private static IncidentSurroundings kindIsApi() {
        IncidentSurroundings none = IncidentSurroundings.none();
        return new IncidentSurroundings() {
            public String kindOf(String component) {
                return "api";
            }

            public List<String> unhealthyOtherThan(String component) {
                return none.unhealthyOtherThan(component);
            }

            public int degradationLevel() {
                return 0;
            }
        };
    }

    /** One incident whose steps ran in order; each action name is verified or not as given, taking {@code seconds}. */
    private void incident(LearningSystem learning, Object... actionVerifiedSeconds) {
        List<RecoveryRun.Step> steps = new ArrayList<>();
        for (int i = 0; i < actionVerifiedSeconds.length; i += 3) {
            PlannedStep s = switch ((String) actionVerifiedSeconds[i]) {
                case "restart_service" -> restart;
                case "reload_config" -> reload;
                default -> failover;
            };
            Duration took = Duration.ofSeconds((Integer) actionVerifiedSeconds[i + 2]);
            steps.add(new RecoveryRun.Step(s.name(), CRASH, s.action().risk(), "SUCCEEDED", (Boolean) actionVerifiedSeconds[i + 1],
                    took, took));
        }
        boolean verified = steps.stream().anyMatch(RecoveryRun.Step::verified);
        Instant at = t0.plusSeconds(600L * incidents++);
        learning.runEnded(new RecoveryRun("inc-" + incidents, "api-1", List.of(CRASH), steps.stream().map(RecoveryRun.Step::action).toList(),
                steps, verified ? IncidentState.RESOLVED : IncidentState.ESCALATED, verified, at, at, at.plusSeconds(60), ""));
    }

    private List<String> order(LearningSystem learning, PlannedStep... fixed) {
        return planned(learning, fixed).stream().map(PlannedStep::name).toList();
    }

    private List<PlannedStep> planned(LearningSystem learning, PlannedStep... fixed) {
        Incident incident = Incident.open("inc-next", new Problem(CRASH, "api-1", Severity.HIGH, "down", "health", t0));
        return learning.order(incident, List.of(fixed));
    }

    @Test
    void with_no_record_the_catalog_order_stands_and_says_so() {
        LearningSystem learning = learning(LearningSettings.defaults());

        List<PlannedStep> plan = planned(learning, restart, reload);

        assertThat(plan).extracting(PlannedStep::name).containsExactly("restart_service", "reload_config");
        assertThat(plan.getFirst().why()).isEqualTo("restart_service first: no record yet on process_down of kind api, the catalog's order");
    }

    @Test
    void the_action_that_verifies_goes_first_and_the_plan_says_why_in_an_operators_words() {
        LearningSystem learning = learning(LearningSettings.defaults());
        for (int i = 0; i < 20; i++) {
            incident(learning, "restart_service", false, 30, "reload_config", i != 7, 4);
        }

        List<PlannedStep> plan = planned(learning, restart, reload);

        assertThat(plan).extracting(PlannedStep::name).containsExactly("reload_config", "restart_service");
        assertThat(plan.getFirst().why()).isEqualTo("reload_config first: verified 19 of the last 20 times on process_down of kind api, median 4 s");
        assertThat(plan.get(1).why()).isEqualTo("restart_service: verified 0 of the last 20 times on process_down of kind api");
    }

    @Test
    void an_outcome_weighs_half_after_a_half_life_of_incidents_of_its_kind() {
        LearningSystem learning = learning(LearningSettings.defaults().withHalfLife(20));
        for (int i = 0; i < 10; i++) {
            incident(learning, "restart_service", true, 5);
        }
        double fresh = evidence(learning, "restart_service");
        assertThat(fresh).isBetween(8.0, 10.0);

        // 20 more incidents of process_down on api, all fixed by reload: restart's outcomes are 20 incidents older
        for (int i = 0; i < 20; i++) {
            incident(learning, "reload_config", true, 5);
        }

        assertThat(evidence(learning, "restart_service")).isCloseTo(fresh / 2, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static double evidence(LearningSystem learning, String action) {
        return learning.knowledge().stream().filter(k -> k.action().equals(action)).findFirst().orElseThrow().evidence();
    }

    @Test
    void an_action_that_stops_working_is_noticed_at_once_and_what_was_learned_around_it_is_distrusted() {
        // no forgetting and no exploration: only the change detector can move restart down
        LearningSystem learning = learning(new LearningSettings(true, 1e9, false, 0.75, LearningSettings.DEFAULT_OWN_RECORDS));
        for (int i = 0; i < 80; i++) {
            incident(learning, "restart_service", true, 5);
        }
        incident(learning, "restart_service", false, 5, "reload_config", true, 5);
        assertThat(order(learning, restart, reload).getFirst()).as("one failure after 80 successes is bad luck").isEqualTo("restart_service");

        incident(learning, "restart_service", false, 5, "reload_config", true, 5);

        assertThat(order(learning, restart, reload).getFirst()).as("a second one running is a change").isEqualTo("reload_config");
        assertThat(evidence(learning, "restart_service")).as("restart's 80 old successes now weigh two trials, plus the two failures")
                .isCloseTo(4, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void an_action_that_works_four_times_in_five_is_not_taken_for_a_change_by_its_failures() {
        LearningSystem learning = learning(new LearningSettings(true, 1e9, false, 0.75, LearningSettings.DEFAULT_OWN_RECORDS));
        int changes = 0;
        double before = 0;
        for (int i = 0; i < 200; i++) {
            // failures come alone or in pairs, as they do at 80%
            boolean works = i % 5 != 0 && i % 25 != 1;
            incident(learning, "restart_service", works, 5, "reload_config", true, 30);
            double now = evidence(learning, "restart_service");
            changes += now < before ? 1 : 0;
            before = now;
        }
        assertThat(changes).isZero();
        assertThat(order(learning, restart, reload).getFirst()).isEqualTo("restart_service");
    }

    @Test
    void nothing_riskier_goes_ahead_of_a_lower_risk_action_with_a_good_record() {
        LearningSystem learning = learning(LearningSettings.defaults());
        for (int i = 0; i < 20; i++) {
            incident(learning, "restart_service", i != 5, 20);
            incident(learning, "failover", true, 2);
        }

        assertThat(order(learning, restart, failover)).as("failover is faster and never failed, but restart is good and safer")
                .containsExactly("restart_service", "failover");
    }

    @Test
    void a_riskier_action_with_a_proven_record_goes_ahead_of_a_safer_one_that_does_not_work() {
        LearningSystem learning = learning(LearningSettings.defaults());
        for (int i = 0; i < 20; i++) {
            incident(learning, "restart_service", i % 5 == 0, 20, "failover", true, 5);
        }

        List<PlannedStep> plan = planned(learning, restart, failover);

        assertThat(plan).extracting(PlannedStep::name).containsExactly("failover", "restart_service");
    }

    @Test
    void an_untried_action_is_explored_only_when_allowed_and_only_within_the_risk_bound() {
        // restart works half the time; reload (same risk) and failover (riskier) were never tried
        LearningSystem learning = learning(LearningSettings.defaults());
        LearningSystem cautious = learning(LearningSettings.defaults().withExplore(false));
        for (LearningSystem l : List.of(learning, cautious)) {
            for (int i = 0; i < 10; i++) {
                incident(l, "restart_service", i % 2 == 0, 10);
            }
        }

        List<PlannedStep> plan = planned(learning, restart, reload, failover);
        assertThat(plan.getFirst().name()).isEqualTo("reload_config");
        assertThat(plan.getFirst().why()).startsWith("reload_config first, to learn: no record yet on process_down of kind api; it might beat restart_service");
        assertThat(order(cautious, restart, reload, failover).getFirst()).isEqualTo("restart_service");

        // once restart has a good record, an untried riskier action is never put first
        LearningSystem good = learning(LearningSettings.defaults());
        for (int i = 0; i < 20; i++) {
            incident(good, "restart_service", true, 10);
        }
        assertThat(order(good, restart, failover)).containsExactly("restart_service", "failover");
    }

    @Test
    void an_action_unlucky_on_its_first_try_is_tried_again_because_nothing_says_how_fast_it_might_be() {
        // reload failed once (a full verification window lost); restart always works, in 30 s
        LearningSystem learning = learning(LearningSettings.defaults());
        incident(learning, "reload_config", false, 60, "restart_service", true, 30);
        int retriedAfter = -1;
        for (int i = 1; i <= 40 && retriedAfter < 0; i++) {
            List<PlannedStep> plan = planned(learning, reload, restart);
            if (plan.getFirst().name().equals("reload_config")) {
                assertThat(plan.getFirst().why()).startsWith("reload_config first, to learn: verified 0 of the last 1 time");
                retriedAfter = i;
            } else {
                incident(learning, "restart_service", true, 30);
            }
        }

        assertThat(retriedAfter).as("incidents until reload is tried again").isBetween(1, 40);
    }

    @Test
    void what_was_learned_survives_a_restart_through_the_records() {
        InMemoryRecoveryRecordStore records = new InMemoryRecoveryRecordStore();
        LearningSystem before = LearningSystem.builder(new InMemoryEffectivenessStore()).writer(Runnable::run).records(records)
                .surroundings(kindIsApi()).build();
        for (int i = 0; i < 10; i++) {
            incident(before, "restart_service", false, 30, "reload_config", true, 4);
        }

        LearningSystem after = LearningSystem.builder(new InMemoryEffectivenessStore()).writer(Runnable::run).records(records)
                .surroundings(kindIsApi()).build();

        assertThat(order(after, restart, reload)).containsExactly("reload_config", "restart_service");
        assertThat(after.knowledge()).isEqualTo(before.knowledge());
    }
}
