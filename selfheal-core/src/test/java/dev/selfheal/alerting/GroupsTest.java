package dev.selfheal.alerting;

import static dev.selfheal.alerting.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.routing.Route;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final VirtualScheduler clock = new VirtualScheduler(T0);
    private final List<String> due = new ArrayList<>();
    private final Map<String, Alert> open = new HashMap<>();
    private final Groups groups = new Groups(new RouteTree(Route.to("root", "team").groupedBy(List.of("problem_type"))
            .withTimings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4))), clock, due::add);

    private Alert enqueue(String component) {
        Alert a = alert(component, "process_down", AlertSeverity.CRITICAL, clock.now());
        open.put(a.fingerprint(), a);
        groups.enqueue(a, clock.now());
        return a;
    }

    private Groups.Batch flush(Groups.Verdict verdict) {
        return groups.flush(due.getLast(), clock.now(), open::get, (a, pending, now) -> verdict);
    }

    @Test
    void alerts_sharing_the_group_by_labels_wait_together_for_the_group_wait() {
        enqueue("worker-1");
        clock.advance(Duration.ofSeconds(10));
        enqueue("worker-2");
        assertThat(groups.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(19));
        assertThat(due).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(due).containsExactly("root{problem_type=process_down,}");
        Groups.Batch b = flush(Groups.Verdict.SEND);
        assertThat(b.alerts()).extracting(Alert::component).containsExactly("worker-1", "worker-2");
        assertThat(b.route().receiver()).isEqualTo("team");
    }

    @Test
    void after_a_flush_a_sent_alert_is_due_again_only_after_the_repeat_interval() {
        Alert a = enqueue("worker-1");
        clock.advance(Duration.ofSeconds(30));
        flush(Groups.Verdict.SEND);
        open.put(a.fingerprint(), a.notified(Set.of("team"), clock.now()));
        clock.advance(Duration.ofMinutes(5));
        assertThat(due).hasSize(2);
        assertThat(flush(Groups.Verdict.SEND)).isNull();
        clock.advance(Duration.ofHours(4));
        assertThat(flush(Groups.Verdict.SEND).alerts()).extracting(Alert::id).containsExactly(a.id());
    }

    @Test
    void a_dropped_or_closed_member_leaves_and_an_empty_group_is_forgotten() {
        Alert a = enqueue("worker-1");
        enqueue("worker-2");
        open.remove(a.fingerprint());
        clock.advance(Duration.ofSeconds(30));
        assertThat(flush(Groups.Verdict.DROP)).isNull();
        assertThat(groups.size()).isZero();
    }

    @Test
    void a_resolved_alert_still_waiting_goes_out_with_the_group() {
        Alert a = enqueue("worker-1");
        Alert resolved = a.with(AlertStatus.RESOLVED, clock.now());
        assertThat(groups.sendResolvedWithGroup(a, resolved)).isTrue();
        open.remove(a.fingerprint());
        clock.advance(Duration.ofSeconds(30));
        Groups.Batch b = flush(Groups.Verdict.SEND);
        assertThat(b.alerts()).isEmpty();
        assertThat(b.resolvedToo()).containsExactly(resolved);
        assertThat(groups.sendResolvedWithGroup(a, resolved)).isFalse();
    }

    @Test
    void skipped_members_stay_and_a_new_one_waits_for_the_group_interval() {
        enqueue("worker-1");
        clock.advance(Duration.ofSeconds(30));
        assertThat(flush(Groups.Verdict.SKIP)).isNull();
        assertThat(groups.size()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        enqueue("worker-2");
        clock.advance(Duration.ofMinutes(4).minusSeconds(1));
        assertThat(due).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(due).hasSize(2);
    }
}
