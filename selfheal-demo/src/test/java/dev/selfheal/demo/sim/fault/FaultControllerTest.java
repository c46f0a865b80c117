package dev.selfheal.demo.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultControllerTest {

    private final VirtualScheduler time = new VirtualScheduler();
    private final List<Integer> exits = new ArrayList<>();
    private final FaultController faults = new FaultController(42, time, exits::add);

    private static Fault.ErrorRate errorRate(double rate) {
        return new Fault.ErrorRate(rate, List.of(500, 502, 503), Fault.Phase.BEFORE, Optional.empty());
    }

    private List<Integer> statusesOf(int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(faults.nextRequest().error().map(RequestFate.InjectedError::status).orElse(200));
        }
        return statuses;
    }

    @Test
    void an_error_rate_fails_about_that_fraction_of_requests_with_the_configured_statuses() {
        faults.inject(errorRate(0.3));

        List<Integer> statuses = statusesOf(10_000);

        double failed = statuses.stream().filter(s -> s != 200).count() / 10_000.0;
        assertThat(failed).isCloseTo(0.3, within(0.02));
        assertThat(statuses).containsOnly(200, 500, 502, 503);
    }

    @Test
    void the_same_seed_gives_the_same_fates_and_re_injecting_starts_the_sequence_again() {
        faults.inject(errorRate(0.5));
        List<Integer> first = statusesOf(200);

        faults.inject(errorRate(0.5));
        List<Integer> again = statusesOf(200);
        FaultController other = new FaultController(42, new VirtualScheduler(), code -> { });
        other.inject(errorRate(0.5));
        List<Integer> otherRun = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            otherRun.add(other.nextRequest().error().map(RequestFate.InjectedError::status).orElse(200));
        }
        FaultController otherSeed = new FaultController(43, new VirtualScheduler(), code -> { });
        otherSeed.inject(errorRate(0.5));
        List<Integer> otherSeedRun = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            otherSeedRun.add(otherSeed.nextRequest().error().map(RequestFate.InjectedError::status).orElse(200));
        }

        assertThat(again).isEqualTo(first);
        assertThat(otherRun).isEqualTo(first);
        assertThat(otherSeedRun).isNotEqualTo(first);
    }

    @Test
    void a_latency_range_adds_delays_within_it_and_a_fixed_latency_adds_exactly_that() {
        faults.inject(new Fault.Latency(Duration.ofMillis(100), Duration.ofMillis(500), Optional.empty()));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            delays.add(faults.nextRequest().delay().toMillis());
        }
        faults.inject(new Fault.Latency(Duration.ofMillis(250), Duration.ofMillis(250), Optional.empty()));

        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(100L, 500L));
        assertThat(delays.stream().distinct().count()).isGreaterThan(100);
        assertThat(faults.nextRequest().delay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void a_rate_limit_lasts_its_duration_and_says_when_the_quota_comes_back() {
        faults.inject(new Fault.RateLimit(Duration.ofSeconds(30)));

        RequestFate during = faults.nextRequest();
        time.advance(Duration.ofSeconds(30));
        RequestFate after = faults.nextRequest();

        assertThat(during.rateLimitedUntil()).contains(time.now());
        assertThat(after.rateLimitedUntil()).isEmpty();
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void a_hang_holds_requests_until_it_is_cleared_and_an_old_timer_never_frees_a_newer_hang() {
        faults.inject(new Fault.Hang(Optional.of(Duration.ofSeconds(10))));
        HangGate.Generation first = faults.nextRequest().hang().orElseThrow();
        faults.clear(FaultMode.HANG);
        faults.inject(new Fault.Hang(Optional.empty()));
        HangGate.Generation second = faults.nextRequest().hang().orElseThrow();

        time.advance(Duration.ofSeconds(10));

        assertThat(first.isReleased()).isTrue();
        assertThat(second.isReleased()).isFalse();
        faults.clearAll();
        assertThat(second.isReleased()).isTrue();
        assertThat(faults.nextRequest().hang()).isEmpty();
    }

    @Test
    void a_crash_halts_the_process_with_its_exit_code_once_the_admin_answer_had_time_to_leave() {
        faults.inject(new Fault.Crash(3));
        assertThat(exits).isEmpty();

        time.advance(FaultController.CRASH_GRACE);

        assertThat(exits).containsExactly(3);
    }

    @Test
    void memory_growth_retains_the_rate_each_second_up_to_the_cap_and_lets_go_when_cleared() {
        faults.inject(new Fault.MemoryGrowth(4, 10, Optional.empty()));

        time.advance(Duration.ofSeconds(2));
        long afterTwoSeconds = faults.retainedBytes();
        time.advance(Duration.ofSeconds(10));
        long capped = faults.retainedBytes();
        faults.clear(FaultMode.MEMORY_GROWTH);

        assertThat(afterTwoSeconds).isEqualTo(8L * 1024 * 1024);
        assertThat(capped).isEqualTo(10L * 1024 * 1024);
        assertThat(faults.retainedBytes()).isZero();
    }

    @Test
    void admin_views_list_active_faults_with_their_request_counts() {
        faults.inject(errorRate(1.0));
        statusesOf(3);

        assertThat(faults.active()).singleElement().satisfies(active -> {
            assertThat(active.fault().mode()).isEqualTo(FaultMode.ERROR_RATE);
            assertThat(active.requestsSeen()).isEqualTo(3);
            assertThat(active.until()).isEmpty();
        });
    }
}
