package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.rules.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link AlertStore} runs (core test jar). */
public abstract class AlertStoreContract {

    protected abstract AlertStore newStore() throws Exception;

    private static final Instant T = Instant.parse("2026-03-02T10:00:00.123456789Z");
    private AlertStore store;

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore();
    }

    static Alert alert(String id, AlertStatus status, Instant at) {
        return new Alert(id, "fp-" + id, "db", "database_issues", Map.of("env", "prod", "team", "data"), AlertSeverity.CRITICAL,
                Urgency.HIGH, status, Optional.of("inc-1"), "db down", at, at.plusSeconds(1),
                status == AlertStatus.RESOLVED ? Optional.of(at.plusSeconds(60)) : Optional.empty(), false,
                Optional.of(at.plusSeconds(30)), Set.of("pagerduty", "slack"),
                status == AlertStatus.HELD ? Optional.of(HoldReason.SILENCED) : Optional.empty(), status == AlertStatus.HELD ? "sil-1" : "",
                Optional.empty());
    }

    @Test
    void an_alert_round_trips_exactly_and_a_save_replaces_it() {
        Alert held = alert("a1", AlertStatus.HELD, T);
        store.save(held);
        assertThat(store.find("a1")).contains(held);
        Alert resolved = alert("a1", AlertStatus.RESOLVED, T);
        store.save(resolved);
        assertThat(store.find("a1")).contains(resolved);
        assertThat(store.open()).isEmpty();
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void open_lists_unresolved_oldest_first_and_recent_newest_first() {
        store.save(alert("late", AlertStatus.SENT, T.plusSeconds(100)));
        store.save(alert("early", AlertStatus.FIRING, T));
        store.save(alert("done", AlertStatus.RESOLVED, T.plusSeconds(50)));
        assertThat(store.open()).extracting(Alert::id).containsExactly("early", "late");
        assertThat(store.recent(2)).extracting(Alert::id).containsExactly("late", "done");
    }

    @Test
    void decisions_are_kept_in_order_per_alert() {
        store.save(alert("a1", AlertStatus.SENT, T));
        Decision held = new Decision("a1", "fp-a1", "db", T, Decision.Outcome.HELD, Optional.of(HoldReason.DUPLICATE),
                "Similar alert recently processed", List.of());
        Decision sent = new Decision("a1", "fp-a1", "db", T.plusSeconds(30), Decision.Outcome.SENT, Optional.empty(), "sent",
                List.of("pagerduty", "slack"));
        store.record(held);
        store.record(sent);
        assertThat(store.decisions("a1")).containsExactly(held, sent);
        assertThat(store.decisions("other")).isEmpty();
    }

    @Test
    void silences_round_trip_and_an_update_replaces() {
        Silence s = new Silence("sil-1", List.of(Matcher.parse("component=db"), Matcher.parse("severity=~crit.*")), T,
                T.plus(Duration.ofHours(2)), "alice", "migrating the database");
        store.save(s);
        assertThat(store.silences()).containsExactly(s);
        Silence ended = s.endingAt(T.plusSeconds(60));
        store.save(ended);
        assertThat(store.silences()).singleElement().satisfies(x -> assertThat(x.endsAt()).isEqualTo(T.plusSeconds(60)));
    }
}
