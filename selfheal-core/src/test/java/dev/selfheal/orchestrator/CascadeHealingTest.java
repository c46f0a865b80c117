package dev.selfheal.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.patterns.FailurePatternAnalyzer;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.ScriptedAction;
import dev.selfheal.status.HealthCheckResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A database that api and web depend on (configured) goes down; its own check runs every 30 s,
 * theirs every 10 s, so the symptoms are seen first. With patterns the loop opens one incident,
 * moves it onto the database when that is seen, restarts only the database, and api and web
 * recover with it.
 */
class CascadeHealingTest {

    private static final DependencyGraph DEPENDENCIES = new DependencyGraph(Map.of("api", List.of("database"), "web", List.of("database")));

    private final AtomicBoolean database = new AtomicBoolean(true);
    private final AtomicBoolean api = new AtomicBoolean(true);
    private final AtomicBoolean web = new AtomicBoolean(true);
    private ScriptedAction restart;

    private HealingFixture world(HealingFixture.Wiring wiring) {
        HealingFixture f = new HealingFixture(HealingFixture.policy(), wiring);
        check(f, "database", Duration.ofSeconds(30), database);
        check(f, "api", Duration.ofSeconds(10), api);
        check(f, "web", Duration.ofSeconds(10), web);
        restart = new ScriptedAction("restart_service").does(c -> {
            switch (c.component()) {
                case "database" -> database.set(true);
                case "api" -> api.set(true);
                default -> web.set(true);
            }
            return ActionResult.ok("restarted " + c.component());
        });
        f.catalog.register(restart);
        return f;
    }

    /** A process check that passes while its own flag is up and, for api and web, the database too. */
    private void check(HealingFixture f, String name, Duration interval, AtomicBoolean flag) {
        f.health.register(CheckDefinition.builder(name, () -> flag.get() && (name.equals("database") || database.get())
                        ? HealthCheckResult.healthy(name + " ok") : HealthCheckResult.unhealthy(name + " down"))
                .group("process").interval(interval).timeout(Duration.ofSeconds(5)).failureThreshold(1).successThreshold(2).build());
    }

    @Test
    void a_database_crash_under_two_services_is_one_incident_rooted_at_the_database_and_only_it_is_restarted() {
        // Given the loop with pattern analysis over the configured dependencies
        HealingFixture f = world((fixture, b) -> b.patterns(new FailurePatternAnalyzer(fixture.scheduler.clock(),
                DEPENDENCIES, FailurePatternAnalyzer.Settings.DEFAULTS), Duration.ofMinutes(2), Duration.ofSeconds(45)));
        f.start();
        f.scheduler.advance(Duration.ofSeconds(5));

        // When the database goes down
        database.set(false);
        f.scheduler.advance(Duration.ofMinutes(3));

        // Then one incident, moved onto the database, with the symptoms merged in
        Incident incident = f.onlyIncident();
        assertThat(incident.component()).isEqualTo("database");
        assertThat(incident.problems()).extracting(Problem::component).contains("api", "web", "database");
        assertThat(f.timeline(incident)).anyMatch(line -> line.startsWith("DECISION database is upstream of"));
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(restart.executions).extracting(c -> c.component()).containsExactly("database");

        // and api and web are healthy again without an incident of their own
        f.scheduler.advance(Duration.ofMinutes(2));
        assertThat(f.incidentStore.recent(10)).hasSize(1);
        assertThat(f.health.component("api").orElseThrow().status()).isEqualTo(dev.selfheal.status.HealthStatus.HEALTHY);
    }

    @Test
    void without_patterns_the_same_crash_is_one_incident_per_component() {
        HealingFixture f = world((fixture, b) -> b);
        f.start();
        f.scheduler.advance(Duration.ofSeconds(5));

        database.set(false);
        f.scheduler.advance(Duration.ofMinutes(3));

        assertThat(f.incidentStore.recent(10)).extracting(Incident::component).containsExactlyInAnyOrder("api", "web", "database");
    }
}
