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
        assertThat(plan.getFirst().why()).isEqualTo("reload_config first: verified 19 of the last 20 times on process_down of kind api, median 4.0 s");
        assertThat(plan.get(1).why()).isEqualTo("restart_service: verified 0 of the last 20 times on process_down of kind api");
    }

    @Test
    void a_change_of_the_best_action_is_followed_within_a_few_incidents_because_old_outcomes_are_forgotten() {
        // exploration off: this is about the learned order alone
        LearningSystem forgetting = learning(LearningSettings.defaults().withExplore(false));
        LearningSystem remembering = learning(LearningSettings.defaults().withExplore(false).withHalfLife(1e9));
        for (LearningSystem l : List.of(forgetting, remembering)) {
            for (int i = 0; i < 40; i++) {
                incident(l, "restart_service", true, 5);
            }
        }
        assertThat(order(forgetting, reload, restart).getFirst()).isEqualTo("restart_service");

        // the world changes: restart works one time in three (never failing three times running, which would
        // count as a sudden change), reload (tried next) always does
        int followedAfter = -1;
        for (int i = 1; i <= 30 && followedAfter < 0; i++) {
            for (LearningSystem l : List.of(forgetting, remembering)) {
                if (i % 3 == 0) {
                    incident(l, "restart_service", true, 5);
                } else {
                    incident(l, "restart_service", false, 5, "reload_config", true, 5);
                }
            }
            if (order(forgetting, restart, reload).getFirst().equals("reload_config")) {
                followedAfter = i;
            }
        }

        assertThat(followedAfter).as("incidents until reload goes first").isBetween(3, 15);
        assertThat(order(remembering, restart, reload).getFirst()).as("without forgetting 40 old successes outweigh it")
                .isEqualTo("restart_service");
    }

    @Test
    void three_failures_in_a_row_of_an_action_with_a_good_record_are_a_sudden_change_and_its_old_record_is_distrusted() {
        // no forgetting and no exploration: only the sudden-change rule can move restart down
        LearningSystem learning = learning(new LearningSettings(1e9, false, 2, 0.75));
        for (int i = 0; i < 40; i++) {
            incident(learning, "restart_service", true, 5);
        }
        for (int i = 0; i < 2; i++) {
            incident(learning, "restart_service", false, 5, "reload_config", true, 5);
        }
        assertThat(order(learning, restart, reload).getFirst()).as("two failures after 40 successes are bad luck").isEqualTo("restart_service");

        incident(learning, "restart_service", false, 5, "reload_config", true, 5);

        assertThat(order(learning, restart, reload).getFirst()).as("the third is a change").isEqualTo("reload_config");
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
