package dev.selfheal.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.ProblemReported;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailurePatternAnalyzerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-11-02T00:00:00Z"));
    private final EventBus bus = new EventBus();
    private final FailurePatternAnalyzer analyzer = new FailurePatternAnalyzer(scheduler.clock(),
            new DependencyGraph(Map.of("api", List.of("database"))), FailurePatternAnalyzer.Settings.DEFAULTS);

    private void report(String component, Instant at) {
        bus.publish(new ProblemReported(new Problem(ProblemType.PROCESS_DOWN, component, Severity.HIGH, "down", "health", at)));
    }

    @Test
    void problems_on_the_bus_become_patterns_a_nightly_failure_and_a_learned_edge() throws Exception {
        try (AutoCloseable ignored = analyzer.listenTo(bus)) {
            for (int day = 0; day < 21; day++) {
                Instant night = scheduler.now().plus(Duration.ofDays(day).plusHours(2).plusMinutes(day % 20));
                report("backup", night);
                // the cache fails after the backup, every night: an edge nobody configured
                report("cache", night.plusSeconds(40));
                report("cache", night.plusSeconds(45)); // a repeat of the same failure
            }
            scheduler.advance(Duration.ofDays(22));
        }

        PatternReport report = analyzer.report();

        assertThat(report.events()).isEqualTo(63);
        assertThat(report.temporal()).extracting(TemporalPattern::component).containsExactlyInAnyOrder("backup", "cache");
        assertThat(report.activeFor("backup")).singleElement().satisfies(p -> assertThat(p.fromHour()).isEqualTo(2));
        assertThat(report.suggestions()).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo("backup");
            assertThat(e.to()).isEqualTo("cache");
            assertThat(e.hits()).isEqualTo(21);
        });
        assertThat(report.graph().causesOf("api")).containsExactly("database");
    }

    @Test
    void the_report_is_made_again_only_after_the_refresh_interval() {
        PatternReport first = analyzer.refresh();
        analyzer.record(new FailureEvent("api", "x", scheduler.now()));

        assertThat(analyzer.report()).isSameAs(first);
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(analyzer.report()).isNotSameAs(first);
        assertThat(analyzer.report().events()).isEqualTo(1);
    }

    @Test
    void alert_inhibition_walks_the_configured_and_the_learned_dependencies_of_the_latest_report() {
        assertThat(analyzer.dependencies().blockingUpstream("cache", "backup"::equals)).isEmpty();
        for (int day = 0; day < 21; day++) {
            Instant night = scheduler.now().plus(Duration.ofDays(day).plusHours(2).plusMinutes(day % 20));
            analyzer.record(new FailureEvent("backup", "process_down", night));
            analyzer.record(new FailureEvent("cache", "process_down", night.plusSeconds(40)));
        }
        scheduler.advance(Duration.ofDays(22));
        assertThat(analyzer.dependencies().blockingUpstream("cache", "backup"::equals))
                .as("no report made since the edge was seen: inhibition never makes one").isEmpty();

        analyzer.refresh();

        DependencyGraph inForce = analyzer.dependencies();
        assertThat(inForce.blockingUpstream("cache", "backup"::equals)).contains("backup");
        assertThat(inForce.blockingUpstream("api", "database"::equals)).contains("database");
        assertThat(analyzer.dependencies()).isSameAs(inForce);
    }
}
