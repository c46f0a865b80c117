package dev.selfheal.alerting;

import static dev.selfheal.alerting.TestAlerts.incidentAlert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FlapHoldsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final VirtualScheduler clock = new VirtualScheduler(T0);
    private final FlapHolds flaps = new FlapHolds(2, WINDOW, GRACE, clock);

    private void cycle(String fp) {
        flaps.fired(fp, clock.now());
        clock.advance(Duration.ofSeconds(5));
        flaps.resolved(fp, clock.now());
        clock.advance(Duration.ofSeconds(5));
    }

    @Test
    void more_cycles_than_the_threshold_in_the_window_is_flapping() {
        cycle("fp");
        cycle("fp");
        assertThat(flaps.isFlapping("fp", clock.now())).isFalse();
        assertThat(flaps.fired("fp", clock.now())).isTrue();
        assertThat(flaps.isFlapping("other", clock.now())).isFalse();
    }

    @Test
    void a_resolution_while_flapping_is_due_only_after_a_whole_quiet_window() {
        for (int i = 0; i < 3; i++) {
            cycle("fp");
        }
        flaps.markNoticed("fp");
        AtomicInteger checks = new AtomicInteger();
        Runnable check = checks::incrementAndGet;
        flaps.resolveWhenQuiet("fp", clock.now(), check);
        assertThat(flaps.quietResolveDue("fp", clock.now(), check)).isFalse();
        clock.advance(WINDOW);
        assertThat(checks.get()).isEqualTo(2);
        assertThat(flaps.quietResolveDue("fp", clock.now(), check)).isTrue();
        assertThat(flaps.noticed("fp")).isFalse();
        assertThat(flaps.quietResolveDue("fp", clock.now(), check)).isFalse();
    }

    @Test
    void firing_again_cancels_the_waiting_resolution() {
        flaps.resolveWhenQuiet("fp", clock.now(), () -> { });
        flaps.cancelResolve("fp");
        clock.advance(WINDOW.multipliedBy(2));
        assertThat(flaps.quietResolveDue("fp", clock.now(), () -> { })).isFalse();
    }

    @Test
    void an_incident_alert_held_aside_is_looked_at_again_when_its_healing_grace_ends() {
        Alert a = incidentAlert("db", "process_down", AlertSeverity.WARNING, "inc-1", T0);
        AtomicInteger rechecks = new AtomicInteger();
        flaps.holdAside("inc-1", a, T0, rechecks::incrementAndGet);
        assertThat(flaps.heldAside("inc-1")).contains(a);
        assertThat(flaps.lookAgainAt(a)).isEqualTo(T0.plus(GRACE));
        assertThat(flaps.dueAfterResolve(a.fingerprint(), T0.plus(GRACE))).isEmpty();
        clock.advance(GRACE);
        assertThat(rechecks.get()).isEqualTo(1);
        flaps.recheckFired("inc-1");
        assertThat(flaps.dueAfterResolve(a.fingerprint(), clock.now())).contains("inc-1");
        flaps.release("inc-1");
        assertThat(flaps.heldAside("inc-1")).isEmpty();
        assertThat(flaps.dueAfterResolve(a.fingerprint(), clock.now())).isEmpty();
    }

    @Test
    void closing_cancels_the_recheck_timers() {
        AtomicInteger rechecks = new AtomicInteger();
        flaps.holdAside("inc-1", incidentAlert("db", "process_down", AlertSeverity.WARNING, "inc-1", T0), T0,
                rechecks::incrementAndGet);
        flaps.close();
        clock.advance(GRACE.multipliedBy(2));
        assertThat(rechecks.get()).isZero();
    }
}
