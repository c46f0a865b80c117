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
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planner falls back on what fixed similar past incidents while a problem type has too few
 * records of its own on a kind, on a virtual clock: incidents ten minutes apart, nothing sleeps.
 */
class SimilarIncidentsOrderTest {

    private static final ProblemType CRASH = ProblemType.PROCESS_DOWN;
    private final VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-05-04T09:00:00Z"));
    private int n;

    private final PlannedStep restart = step("restart_service", Risk.LOW);
    private final PlannedStep reload = step("reload_config", Risk.LOW);
    private final PlannedStep failover = step("failover", Risk.MEDIUM);

    private static PlannedStep step(String name, Risk risk) {
        return new PlannedStep(new ScriptedAction(name).risk(risk), CRASH, 0.5, Duration.ofSeconds(30));
    }

    /** Components are named kind-N: api-1 is of kind api. */
    private static IncidentSurroundings kindByName() {
        return new IncidentSurroundings() {
            public String kindOf(String component) {
                return component.substring(0, component.indexOf('-'));
            }

            public List<String> unhealthyOtherThan(String component) {
                return List.of();
            }

            public int degradationLevel() {
                return 0;
            }
        };
    }

    private LearningSystem learning(LearningSettings settings) {
        return LearningSystem.builder(new InMemoryEffectivenessStore()).writer(Runnable::run).settings(settings)
                .surroundings(kindByName()).build();
    }

    /** One incident on {@code component}: {@code first} failed (when not null), then {@code fixer} verified after {@code seconds}. */
    private void healed(LearningSystem learning, String component, PlannedStep first, PlannedStep fixer, int seconds) {
        Instant opened = clock.now();
        List<RecoveryRun.Step> steps = new java.util.ArrayList<>();
        if (first != null) {
            steps.add(new RecoveryRun.Step(first.name(), CRASH, first.action().risk(), "SUCCEEDED", false,
                    Duration.ofSeconds(5), Duration.ofSeconds(60)));
        }
        steps.add(new RecoveryRun.Step(fixer.name(), CRASH, fixer.action().risk(), "SUCCEEDED", true,
                Duration.ofSeconds(seconds), Duration.ofSeconds(seconds)));
        clock.advance(Duration.ofSeconds(seconds));
        learning.runEnded(new RecoveryRun("inc-" + ++n, component, List.of(CRASH), steps.stream().map(RecoveryRun.Step::action).toList(),
                steps, IncidentState.RESOLVED, true, opened, opened, clock.now(), ""));
        clock.advance(Duration.ofMinutes(10));
    }

    private List<PlannedStep> plan(LearningSystem learning, String component, PlannedStep... catalog) {
        Incident incident = Incident.open("inc-now", new Problem(CRASH, component, Severity.HIGH, "down", "health", clock.now()));
        return learning.order(incident, List.of(catalog));
    }

    @Test
    void a_problem_type_new_on_a_kind_starts_with_what_fixed_it_on_similar_components_and_says_so() {
        // Given crashes of workers, fixed by reload_config after restart_service failed, and no crash of an api yet
        LearningSystem learning = learning(LearningSettings.defaults());
        for (int i = 0; i < 6; i++) {
            healed(learning, "worker-1", restart, reload, 8);
        }
        // When an api crashes, with the catalog's order restart_service, reload_config
        List<PlannedStep> plan = plan(learning, "api-1", restart, reload);
        // Then what fixed the similar incidents goes first, and the plan says why
        assertThat(plan).extracting(PlannedStep::name).containsExactly("reload_config", "restart_service");
        assertThat(plan.getFirst().why()).isEqualTo("reload_config first, from similar incidents: no record of process_down of "
                + "kind api of its own; it fixed 5 of the 5 most similar past incidents (inc-6, inc-5, inc-4), median 8 s");
    }

    @Test
    void once_the_kind_has_enough_records_of_its_own_they_decide() {
        // Given workers fixed by reload_config, and apis where reload_config fails and restart_service works
        LearningSystem learning = learning(LearningSettings.defaults());
        for (int i = 0; i < 6; i++) {
            healed(learning, "worker-1", restart, reload, 8);
        }
        for (int i = 0; i < 4; i++) {
            healed(learning, "api-1", reload, restart, 5);
        }
        // Then with 4 records of its own (fewer than 5) the similar incidents, now the api's own, still lead
        assertThat(plan(learning, "api-1", reload, restart).getFirst().why()).startsWith("restart_service first, from similar incidents: 4 records");
        // When the fifth api crash is recorded
        healed(learning, "api-1", reload, restart, 5);
        // Then the api's own record orders the plan
        List<PlannedStep> plan = plan(learning, "api-1", reload, restart);
        assertThat(plan).extracting(PlannedStep::name).containsExactly("restart_service", "reload_config");
        assertThat(plan.getFirst().why()).startsWith("restart_service first: verified 5 of the last 5 times on process_down of kind api");
    }

    @Test
    void similar_incidents_never_put_a_riskier_action_ahead_of_a_lower_risk_one_with_a_good_record() {
        // Given crashes of apis consulted by similarity below 50 records of their own: api-2's fixed 30 times by
        // restart_service (LOW), and now and then api-1's, where restart_service failed and failover (MEDIUM) fixed it
        LearningSystem learning = learning(LearningSettings.defaults().withOwnRecords(50));
        for (int i = 0; i < 30; i++) {
            healed(learning, "api-2", null, restart, 5);
            if (i % 10 == 9) {
                healed(learning, "api-1", restart, failover, 20);
            }
        }
        // When api-1 crashes again: its nearest past incidents are its own three, all fixed by failover
        List<PlannedStep> plan = plan(learning, "api-1", restart, failover);
        // Then failover still does not go ahead of restart_service, whose record is good
        assertThat(plan).extracting(PlannedStep::name).containsExactly("restart_service", "failover");
        assertThat(plan.getFirst().why()).startsWith("restart_service first, from similar incidents: 33 records of process_down of kind api");
    }

    @Test
    void with_nothing_similar_or_the_fallback_off_the_learned_order_stands() {
        LearningSystem off = learning(LearningSettings.defaults().withOwnRecords(0));
        for (int i = 0; i < 6; i++) {
            healed(off, "worker-1", restart, reload, 8);
        }
        assertThat(plan(off, "api-1", restart, reload)).extracting(PlannedStep::name).containsExactly("restart_service", "reload_config");
        assertThat(plan(learning(LearningSettings.defaults()), "api-1", restart, reload).getFirst().why())
                .isEqualTo("restart_service first: no record yet on process_down of kind api, the catalog's order");
    }
}
