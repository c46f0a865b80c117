package dev.selfheal.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.metrics.Measurement;
import dev.selfheal.metrics.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Limits learned from normal behaviour, on virtual time: each reading carries its own instant,
 * ten seconds apart, as the performance monitor's cycle would produce them.
 */
class AdaptiveLimitsTest {

    private static final MetricKind P95 = MetricKind.RESPONSE_TIME_P95;
    private static final double CONFIGURED = 100;
    private final Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
    private final Set<String> troubled = new HashSet<>();
    private int tick;

    /** p99 plus 25%, from 100 normal readings of the last six hours, each counted once ten minutes passed without trouble. */
    private final AdaptiveLimitSettings settings = new AdaptiveLimitSettings(0.99, 0.25, 100, Duration.ofHours(6),
            Duration.ofMinutes(10), java.util.Map.of()).withMetric(P95, new AdaptiveLimitSettings.Bounds(50, 2000));
    private final AdaptiveLimits limits = new AdaptiveLimits(settings, troubled::contains);

    /** One reading of {@code api}'s p95, ten seconds after the last; returns the limit it was held to. */
    private double read(double millis) {
        return limits.limitFor(new Measurement("api", P95, millis, t0.plusSeconds(10L * tick++)), CONFIGURED);
    }

    /** A normal day of an api whose p95 sits between 300 and 400 ms, configured at 1 s. */
    private void normal(int readings) {
        for (int i = 0; i < readings; i++) {
            limits.limitFor(new Measurement("api", P95, 300 + (i * 37) % 100, t0.plusSeconds(10L * tick++)), 1000);
        }
    }

    @Test
    void until_enough_settled_normal_readings_the_configured_limit_stands() {
        // 100 readings needed, each counted ten minutes (60 readings) after it was taken
        for (int i = 0; i < 159; i++) {
            assertThat(read(60)).isEqualTo(CONFIGURED);
        }
        assertThat(limits.learned("api", P95)).isEmpty();
        assertThat(read(60)).isEqualTo(75.0);
    }

    @Test
    void the_limit_is_a_high_quantile_of_normal_readings_with_a_margin() {
        troubled.clear();
        // the configured limit of 100 would flag every reading of this api; learn from a quiet start
        AdaptiveLimits quiet = new AdaptiveLimits(new AdaptiveLimitSettings(0.99, 0.25, 100, Duration.ofHours(6),
                Duration.ZERO, java.util.Map.of()).withMetric(P95, new AdaptiveLimitSettings.Bounds(50, 2000)), c -> false);
        for (int i = 0; i < 500; i++) {
            quiet.limitFor(new Measurement("api", P95, 60 + i % 40, t0.plusSeconds(10L * i)), CONFIGURED);
        }
        // p99 of 60..99 is 99; plus 25%
        assertThat(quiet.learned("api", P95).orElseThrow()).isCloseTo(99 * 1.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(quiet.learned("api", MetricKind.ERROR_RATE)).as("not configured to adapt").isEmpty();
    }

    @Test
    void readings_during_an_incident_teach_nothing() {
        for (int i = 0; i < 200; i++) {
            read(60 + i % 40);
        }
        double before = limits.learned("api", P95).orElseThrow();

        troubled.add("api");
        for (int i = 0; i < 1000; i++) {
            read(before * 0.99); // high, but within the limit: still not normal, the component is in an incident
        }
        troubled.remove("api");

        assertThat(limits.learned("api", P95)).hasValue(before);
    }

    @Test
    void the_readings_that_led_up_to_an_incident_teach_nothing_either() {
        for (int i = 0; i < 200; i++) {
            read(60 + i % 40);
        }
        double before = limits.learned("api", P95).orElseThrow();
        // a slow rise, within the limit at every reading, then the incident it was heading for
        for (int i = 0; i < 50; i++) {
            read(110 + i % 10);
        }
        troubled.add("api");
        read(119);
        troubled.remove("api");
        for (int i = 0; i < 400; i++) {
            read(60 + i % 40);
        }

        assertThat(limits.learned("api", P95).orElseThrow()).isCloseTo(before, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void a_creeping_failure_does_not_raise_its_own_limit() {
        for (int i = 0; i < 200; i++) {
            read(60 + i % 40);
        }
        double limit = limits.learned("api", P95).orElseThrow();

        // latency creeps up 1% per reading, nobody has opened an incident yet
        double value = 90;
        int caught = -1;
        for (int i = 0; i < 200 && caught < 0; i++) {
            value *= 1.01;
            if (value > read(value)) {
                caught = i;
            }
        }

        assertThat(caught).as("the creep crosses the limit learned before it").isPositive();
        assertThat(limits.learned("api", P95).orElseThrow()).isLessThan(limit * 1.05);
        for (int i = 0; i < 100; i++) {
            assertThat(read(value)).as("readings over the limit are not learned from").isLessThan(value);
        }
    }

    @Test
    void the_limit_stays_within_floor_and_cap_and_follows_normal_behaviour_down_as_old_readings_leave_the_window() {
        normal(200);
        assertThat(limits.learned("api", P95).orElseThrow()).isBetween(300 * 1.25, 400 * 1.25);

        // a faster release: after the six-hour window only its readings count; the floor holds
        for (int i = 0; i < 6 * 360 + 10; i++) {
            read(10);
        }
        assertThat(limits.learned("api", P95)).hasValue(50.0);

        AdaptiveLimits capped = new AdaptiveLimits(settings, c -> false);
        for (int i = 0; i < 200; i++) {
            capped.limitFor(new Measurement("slow", P95, 1900 + i % 50, t0.plusSeconds(10L * i)), 5000);
        }
        assertThat(capped.learned("slow", P95)).hasValue(2000.0);
    }

    @Test
    void not_knowing_whether_a_component_is_in_trouble_counts_as_trouble() {
        AdaptiveLimits blind = new AdaptiveLimits(settings, c -> {
            throw new IllegalStateException("incident store down");
        });
        for (int i = 0; i < 200; i++) {
            blind.limitFor(new Measurement("api", P95, 70, t0.plusSeconds(10L * i)), CONFIGURED);
        }
        assertThat(blind.learned("api", P95)).isEmpty();
    }

    @Test
    void settings_that_cannot_work_are_refused_with_what_is_wrong() {
        assertThatThrownBy(() -> new AdaptiveLimitSettings.Bounds(10, 5)).hasMessageContaining("0 < floor < cap");
        assertThatThrownBy(() -> AdaptiveLimitSettings.none().withMetric(MetricKind.ERROR_RATE, new AdaptiveLimitSettings.Bounds(0.01, 1.5)))
                .hasMessageContaining("error-rate").hasMessageContaining("below 1");
        assertThatThrownBy(() -> new AdaptiveLimitSettings(1.5, 0.2, 10, Duration.ofHours(1), Duration.ZERO, java.util.Map.of()))
                .hasMessageContaining("quantile");
    }

    @Test
    void the_performance_monitor_holds_a_component_to_its_learned_limit_and_an_incident_does_not_move_it() {
        double[] p95 = {0};
        Instant[] now = {t0};
        List<dev.selfheal.incident.Problem> reported = new java.util.ArrayList<>();
        dev.selfheal.metrics.MetricSource source = new dev.selfheal.metrics.MetricSource() {
            public String name() {
                return "scripted";
            }

            public List<Measurement> collect(Instant at) {
                return List.of(new Measurement("api", P95, p95[0], at));
            }
        };
        var monitor = new dev.selfheal.metrics.PerformanceMonitor(List.of(source), dev.selfheal.metrics.ThresholdPolicy.defaultPolicy(),
                reported::add, () -> now[0], java.util.Optional.empty(), limits);
        for (int i = 0; i < 400; i++) {
            p95[0] = 30 + i % 10;
            now[0] = now[0].plusSeconds(10);
            monitor.assess();
        }
        assertThat(reported).isEmpty();

        // 70 ms is within the configured 100 but far above this api's normal 30-39 (learned: 39 + 25%, held to the floor of 50)
        p95[0] = 70;
        troubled.add("api");
        for (int i = 0; i < 400; i++) {
            now[0] = now[0].plusSeconds(10);
            monitor.assess();
        }
        troubled.remove("api");
        now[0] = now[0].plusSeconds(10);

        assertThat(monitor.assess()).singleElement().satisfies(v -> assertThat(v.limit()).isEqualTo(50.0));
        assertThat(reported).hasSize(1);
        assertThat(reported.getFirst().evidence()).contains("api response-time-p95 70 over limit 50");
    }

    @Test
    void a_learned_limit_survives_a_restart_and_fresh_normal_readings_replace_it() {
        // Given an api whose p95 sat at 60-99 ms, learned with its limits kept in a store
        InMemoryLearnedLimitStore store = new InMemoryLearnedLimitStore();
        AdaptiveLimits first = new AdaptiveLimits(settings, troubled::contains, store, Runnable::run);
        for (int i = 0; i < 300; i++) {
            first.limitFor(new Measurement("api", P95, 60 + i % 40, t0.plusSeconds(10L * tick++)), CONFIGURED);
        }
        double learned = first.learned("api", P95).orElseThrow();
        assertThat(store.all()).singleElement().satisfies(l -> {
            assertThat(l.component()).isEqualTo("api");
            assertThat(l.limit()).isEqualTo(learned);
        });

        // When the daemon restarts: a new instance over the same store, with no reading yet
        AdaptiveLimits restarted = new AdaptiveLimits(settings, troubled::contains, store, Runnable::run);

        // Then the first reading is held to the learned limit, not the configured one, and it is shown as restored
        assertThat(restarted.limitFor(new Measurement("api", P95, 70, t0.plusSeconds(10L * tick++)), CONFIGURED)).isEqualTo(learned);
        assertThat(restarted.limits()).singleElement().satisfies(shown -> {
            assertThat(shown.restored()).isTrue();
            assertThat(shown.limit().limit()).isEqualTo(learned);
        });
        // and readings during an incident after the restart do not move it
        troubled.add("api");
        for (int i = 0; i < 300; i++) {
            restarted.limitFor(new Measurement("api", P95, learned * 0.99, t0.plusSeconds(10L * tick++)), CONFIGURED);
        }
        assertThat(restarted.learned("api", P95)).contains(learned);
        troubled.remove("api");

        // When the api has become faster (30-49 ms) and enough fresh normal readings have settled
        for (int i = 0; i < 200; i++) {
            restarted.limitFor(new Measurement("api", P95, 30 + i % 20, t0.plusSeconds(10L * tick++)), CONFIGURED);
        }
        // Then the fresh limit (p99 49 ms + 25%, raised to the 50 ms floor... 61.25) replaces the stored one, and is stored
        assertThat(restarted.learned("api", P95).orElseThrow()).isCloseTo(49 * 1.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(restarted.limits()).singleElement().satisfies(shown -> assertThat(shown.restored()).isFalse());
        assertThat(store.all()).singleElement().satisfies(l -> assertThat(l.limit()).isCloseTo(49 * 1.25,
                org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void a_stored_limit_outside_todays_floor_and_cap_is_held_within_them() {
        InMemoryLearnedLimitStore store = new InMemoryLearnedLimitStore();
        store.save(new LearnedLimit("api", P95, 5000, 400, t0));
        AdaptiveLimits restarted = new AdaptiveLimits(settings, c -> false, store, Runnable::run);
        assertThat(restarted.limitFor(new Measurement("api", P95, 70, t0.plusSeconds(10)), CONFIGURED)).isEqualTo(2000);
    }
}
