package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.AlertSeverity;
import dev.selfheal.alerting.AlertStatus;
import dev.selfheal.alerting.Decision;
import dev.selfheal.alerting.Urgency;
import dev.selfheal.alerting.WriteBehindAlertStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The daemon's alert store for real: {@link WriteBehindAlertStore} over {@link JdbcAlertStore}
 * on a real database. A burst of pipeline writes goes in batches (one transaction each) and
 * everything is in the database once {@code close()} returns.
 */
abstract class WriteBehindJdbcAlertStoreTest {

    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    /** A database with the schema, empty. */
    protected abstract Database database();

    /** The same database seen afresh after close (a new connection, or the file opened again). */
    protected abstract Database reopened();

    @Test
    void a_burst_of_pipeline_writes_is_batched_and_all_of_it_is_in_the_database_after_close() {
        // Given the write-behind store with a small queue, so that the burst also fills it
        WriteBehindAlertStore store = new WriteBehindAlertStore(new JdbcAlertStore(database()), 64, 200);
        // When the pipeline writes 300 alerts, each saved twice, with two decisions each
        for (int i = 0; i < 300; i++) {
            Alert firing = alert("al-" + i, AlertStatus.FIRING);
            store.save(firing);
            store.record(decision(firing, Decision.Outcome.HELD));
            Alert sent = alert("al-" + i, AlertStatus.SENT);
            store.save(sent);
            store.record(decision(sent, Decision.Outcome.SENT));
        }
        store.close();
        // Then everything is there, the last save of each alert won, in fewer transactions than writes
        JdbcAlertStore fresh = new JdbcAlertStore(reopened());
        assertThat(fresh.recent(1_000)).hasSize(300).allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.SENT));
        assertThat(fresh.decisions("al-299")).extracting(Decision::outcome).containsExactly(Decision.Outcome.HELD, Decision.Outcome.SENT);
        assertThat(store.written()).isEqualTo(1_200);
        assertThat(store.writeFailures()).isZero();
        assertThat(store.batches()).isLessThan(1_200);
    }

    private static Alert alert(String id, AlertStatus status) {
        return new Alert(id, "fp-" + id, "db", "database_issues", Map.of("env", "prod"), AlertSeverity.CRITICAL, Urgency.HIGH, status,
                Optional.of("inc-1"), "db down", T, T.plusSeconds(1), Optional.empty(), false,
                status == AlertStatus.SENT ? Optional.of(T.plusSeconds(30)) : Optional.empty(),
                status == AlertStatus.SENT ? Set.of("pager") : Set.of(), Optional.empty(), "", Optional.empty());
    }

    private static Decision decision(Alert a, Decision.Outcome outcome) {
        return new Decision(a.id(), a.fingerprint(), a.component(), T, outcome, Optional.empty(), outcome.name().toLowerCase(),
                outcome == Decision.Outcome.SENT ? List.of("pager") : List.of());
    }
}
