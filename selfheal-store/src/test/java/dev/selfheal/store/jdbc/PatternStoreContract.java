package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.patterns.FailureEvent;
import dev.selfheal.patterns.FailurePatternAnalyzer;
import dev.selfheal.patterns.PatternPersistence;
import dev.selfheal.patterns.PatternReport;
import dev.selfheal.patterns.StoredPattern;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pattern database on a real database: events come back in start order and are pruned by
 * age, patterns keep when they were first found, and an analyzer restored from the store after a
 * "restart" (a new database handle, a new analyzer) finds the same patterns as before.
 */
abstract class PatternStoreContract {

    static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    /** A fresh, empty database. */
    protected abstract Database freshDatabase();

    /** The same database again, through a new handle (as a restarted daemon opens it). */
    protected abstract Database reopen(Database before);

    @Test
    void events_come_back_in_start_order_and_old_ones_are_pruned() {
        JdbcPatternStore store = new JdbcPatternStore(freshDatabase());
        store.append(List.of(new FailureEvent("api", "process_down", START.plusSeconds(30)),
                new FailureEvent("db", "process_down", START.plusSeconds(10)),
                new FailureEvent("cache", "latency", START.plusSeconds(3600))));

        List<FailureEvent> all = new ArrayList<>();
        store.replaySince(START, all::add);
        assertThat(all).extracting(FailureEvent::component).containsExactly("db", "api", "cache");
        assertThat(all.getFirst()).isEqualTo(new FailureEvent("db", "process_down", START.plusSeconds(10)));

        assertThat(store.deleteBefore(START.plusSeconds(60))).isEqualTo(2);
        List<FailureEvent> left = new ArrayList<>();
        store.replaySince(Instant.EPOCH, left::add);
        assertThat(left).extracting(FailureEvent::component).containsExactly("cache");
    }

    @Test
    void a_pattern_found_again_keeps_when_it_was_first_found() {
        JdbcPatternStore store = new JdbcPatternStore(freshDatabase());
        StoredPattern edge = new StoredPattern(StoredPattern.Kind.EDGE, "db -> api", "api follows db: 5 of 6", 0.99, START, START);
        store.savePatterns(List.of(edge), START);
        Instant later = START.plus(Duration.ofHours(5));
        store.savePatterns(List.of(new StoredPattern(StoredPattern.Kind.EDGE, "db -> api", "api follows db: 9 of 10", 0.999, later, later)),
                later);

        assertThat(store.patterns()).singleElement().satisfies(p -> {
            assertThat(p.firstFound()).isEqualTo(START);
            assertThat(p.lastFound()).isEqualTo(later);
            assertThat(p.description()).isEqualTo("api follows db: 9 of 10");
            assertThat(p.confidence()).isEqualTo(0.999);
        });
    }

    @Test
    void patterns_and_failures_survive_a_restart() {
        Database database = freshDatabase();
        VirtualScheduler scheduler = new VirtualScheduler(START);
        FailurePatternAnalyzer before = analyzer(scheduler);
        PatternPersistence persistence = new PatternPersistence(before, new JdbcPatternStore(database), scheduler.clock(), 10_000);
        assertThat(persistence.restore()).isZero();
        for (int day = 0; day < 21; day++) {
            Instant night = START.plus(Duration.ofDays(day).plusHours(2).plusMinutes(day % 20));
            before.record(new FailureEvent("backup", "process_down", night));
            before.record(new FailureEvent("cache", "process_down", night.plusSeconds(40))); // an edge nobody configured
            scheduler.advance(Duration.ofDays(1));
            persistence.flush();
        }
        scheduler.advance(Duration.ofMinutes(10));
        PatternReport found = before.refresh();
        persistence.flush();
        assertThat(found.suggestions()).extracting(e -> e.from() + "->" + e.to()).containsExactly("backup->cache");
        assertThat(found.activeFor("backup")).isNotEmpty();

        Database again = reopen(database);
        FailurePatternAnalyzer after = analyzer(scheduler);
        JdbcPatternStore store = new JdbcPatternStore(again);
        assertThat(new PatternPersistence(after, store, scheduler.clock(), 10_000).restore()).isEqualTo(42);
        PatternReport restored = after.report();

        assertThat(restored.suggestions()).isEqualTo(found.suggestions());
        assertThat(restored.temporal()).isEqualTo(found.temporal());
        assertThat(store.patterns()).extracting(p -> p.kind().id() + " " + p.subject())
                .contains("edge backup -> cache", "temporal backup daily 02-03");
    }

    private static FailurePatternAnalyzer analyzer(VirtualScheduler scheduler) {
        return new FailurePatternAnalyzer(scheduler.clock(), DependencyGraph.EMPTY, FailurePatternAnalyzer.Settings.DEFAULTS);
    }
}
