package dev.selfheal.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.rules.DependencyGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A known world: database → api (configured) → web (not configured), and → worker (not
 * configured); two components on one host that fail together in either order; twelve noisy
 * components. What the analysis must find is known.
 */
class CausalAnalysisTest {

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    private static final DependencyGraph CONFIGURED = new DependencyGraph(Map.of("api", List.of("database")));

    private static List<FailureEvent> world(long seed) {
        Random random = new Random(seed);
        List<FailureEvent> out = new ArrayList<>();
        Duration span = Duration.ofDays(14);
        for (int i = 0; i < 40; i++) {
            Instant root = T0.plusSeconds((long) (random.nextDouble() * span.toSeconds()));
            out.add(new FailureEvent("database", "database_issues", root.plusSeconds(random.nextInt(10))));
            Instant api = root.plusSeconds(10 + random.nextInt(20));
            out.add(new FailureEvent("api", "integration_failure", api));
            out.add(new FailureEvent("web", "integration_failure", api.plusSeconds(10 + random.nextInt(20))));
            out.add(new FailureEvent("worker", "process_down", api.plusSeconds(15 + random.nextInt(20))));
        }
        for (int i = 0; i < 25; i++) {
            Instant host = T0.plusSeconds((long) (random.nextDouble() * span.toSeconds()));
            boolean aFirst = random.nextBoolean();
            out.add(new FailureEvent("host-a", "process_down", host.plusSeconds(aFirst ? 0 : 5)));
            out.add(new FailureEvent("host-b", "process_down", host.plusSeconds(aFirst ? 5 : 0)));
        }
        for (int c = 0; c < 12; c++) {
            for (int i = 0; i < 60; i++) {
                out.add(new FailureEvent("noise-" + c, "integration_failure", T0.plusSeconds((long) (random.nextDouble() * span.toSeconds()))));
            }
        }
        out.sort(Comparator.comparing(FailureEvent::start));
        return out;
    }

    private static CausalAnalysis.Findings learn(List<FailureEvent> events) {
        PrecedenceLearner learner = new PrecedenceLearner();
        events.forEach(learner::observe);
        return new CausalAnalysis(learner.settings()).analyze(learner.snapshot(), CONFIGURED);
    }

    @Test
    void learns_the_unconfigured_edges_and_nothing_among_the_noise() {
        for (long seed = 1; seed <= 5; seed++) {
            CausalAnalysis.Findings findings = learn(world(seed));

            assertThat(findings.suggestions()).as("seed %d", seed)
                    .extracting(e -> e.from() + "->" + e.to())
                    .containsExactlyInAnyOrder("api->web", "api->worker");
            assertThat(findings.edges()).filteredOn(CausalEdge::configured)
                    .singleElement().satisfies(e -> {
                        assertThat(e.from()).isEqualTo("database");
                        assertThat(e.hits()).isGreaterThanOrEqualTo(35);
                        assertThat(e.lift()).isGreaterThan(10);
                    });
        }
    }

    @Test
    void failures_together_in_either_order_are_a_correlation_not_an_edge() {
        CausalAnalysis.Findings findings = learn(world(2));

        assertThat(findings.edges()).noneMatch(e -> e.from().startsWith("host-") || e.to().startsWith("host-"));
        assertThat(findings.correlations()).anySatisfy(c -> {
            assertThat(c.a()).isEqualTo("host-a");
            assertThat(c.b()).isEqualTo("host-b");
            assertThat(c.together()).isGreaterThanOrEqualTo(20);
            assertThat(c.lift()).isGreaterThan(10);
        });
        // web and worker both follow api: siblings, explained by their shared upstream
        assertThat(findings.correlations()).filteredOn(c -> c.a().equals("web") || c.b().equals("web"))
                .allSatisfy(c -> assertThat(c.sharedUpstream()).isNotEmpty());
        assertThat(findings.correlations()).noneMatch(c -> c.a().startsWith("noise-") || c.b().startsWith("noise-"));
    }

    @Test
    void a_pair_together_only_a_few_times_in_weeks_is_a_correlation_not_an_edge() {
        Random random = new Random(7);
        List<FailureEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(new FailureEvent("batch", "process_down", T0.plusSeconds((long) (random.nextDouble() * 14 * 86_400))));
            events.add(new FailureEvent("mailer", "process_down", T0.plusSeconds((long) (random.nextDouble() * 14 * 86_400))));
        }
        for (int i = 0; i < CausalAnalysis.MIN_EDGE_SUPPORT - 1; i++) {
            Instant at = T0.plusSeconds(3600L * 24 * i + 1800);
            events.add(new FailureEvent("batch", "process_down", at));
            events.add(new FailureEvent("mailer", "process_down", at.plusSeconds(20)));
        }
        events.sort(Comparator.comparing(FailureEvent::start));

        CausalAnalysis.Findings findings = learn(events);

        assertThat(findings.suggestions()).isEmpty();
        assertThat(findings.correlations()).anySatisfy(c -> assertThat(c.a() + "," + c.b()).isEqualTo("batch,mailer"));
    }

    @Test
    void a_mediator_seen_before_its_cause_still_explains_the_shortcut_away() {
        // database -> api (configured) -> web (learned): web follows database only through api,
        // and api, seen after detection delays, is as often seen before database as after it
        Random random = new Random(3);
        List<FailureEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant root = T0.plusSeconds((long) (random.nextDouble() * 14 * 86_400));
            Instant api = root.plusSeconds(5 + random.nextInt(10));
            events.add(new FailureEvent("database", "database_issues", api.plusSeconds(random.nextBoolean() ? 12 : -3)));
            events.add(new FailureEvent("api", "integration_failure", api));
            if (random.nextDouble() < 0.9) {
                events.add(new FailureEvent("web", "integration_failure", api.plusSeconds(10 + random.nextInt(20))));
            }
        }
        for (int i = 0; i < 30; i++) {
            events.add(new FailureEvent("database", "database_issues", T0.plusSeconds((long) (random.nextDouble() * 14 * 86_400))));
            Instant api = T0.plusSeconds((long) (random.nextDouble() * 14 * 86_400)); // api's own faults, web following
            events.add(new FailureEvent("api", "integration_failure", api));
            events.add(new FailureEvent("web", "integration_failure", api.plusSeconds(10 + random.nextInt(20))));
        }
        events.sort(Comparator.comparing(FailureEvent::start));

        CausalAnalysis.Findings findings = learn(events);

        assertThat(findings.suggestions()).extracting(e -> e.from() + "->" + e.to()).contains("api->web").doesNotContain("database->web");
    }

    @Test
    void repeated_events_of_one_failure_count_as_one_episode() {
        PrecedenceLearner learner = new PrecedenceLearner();
        for (int i = 0; i < 10; i++) {
            learner.observe(new FailureEvent("api", "integration_failure", T0.plusSeconds(i * 5L)));
        }
        learner.observe(new FailureEvent("api", "integration_failure", T0.plusSeconds(3600)));

        assertThat(learner.snapshot().episodes()).containsEntry("api", 2L);
    }

    @Test
    void the_learner_is_bounded_by_its_component_limit() {
        PrecedenceLearner learner = new PrecedenceLearner(new PrecedenceLearner.Settings(Duration.ofMinutes(2), 0.01, 3, 3, 4));
        for (int i = 0; i < 10; i++) {
            learner.observe(new FailureEvent("c" + i, "x", T0.plusSeconds(i)));
        }

        PrecedenceCounts counts = learner.snapshot();
        assertThat(counts.episodes()).hasSize(4);
        assertThat(counts.dropped()).isEqualTo(6);
        assertThat(counts.follows()).hasSize(6);
    }

    @Test
    void a_second_parent_with_a_looser_lag_than_the_first_is_learned_too() {
        // web depends on api (configured, tight lag) and on cache (not configured, loose lag);
        // each fails on its own and web follows either: cache is a parent, not a cousin
        Random random = new Random(5);
        List<FailureEvent> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Instant api = T0.plusSeconds((long) (random.nextDouble() * 14 * 86_400));
            events.add(new FailureEvent("api", "integration_failure", api));
            events.add(new FailureEvent("web", "integration_failure", api.plusSeconds(10 + random.nextInt(5))));
        }
        for (int i = 0; i < 40; i++) {
            Instant cache = T0.plusSeconds((long) (random.nextDouble() * 14 * 86_400));
            events.add(new FailureEvent("cache", "process_down", cache));
            events.add(new FailureEvent("web", "integration_failure", cache.plusSeconds(5 + random.nextInt(60))));
        }
        events.sort(Comparator.comparing(FailureEvent::start));
        PrecedenceLearner learner = new PrecedenceLearner();
        events.forEach(learner::observe);

        CausalAnalysis.Findings findings = new CausalAnalysis(learner.settings())
                .analyze(learner.snapshot(), new DependencyGraph(Map.of("web", List.of("api"))));

        assertThat(findings.suggestions()).extracting(e -> e.from() + "->" + e.to()).containsExactly("cache->web");
    }
}
