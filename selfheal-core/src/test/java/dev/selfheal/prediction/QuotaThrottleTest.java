package dev.selfheal.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.prediction.gauges.RateLimitQuotaGauge;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.resilience.ratelimit.RateLimitInfo;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A rate-limit quota of 5,000 calls an hour, read from the headers a guard keeps, drained on
 * virtual time by a caller that may be throttled: forecast to run out before its reset, reported
 * as a quota problem whose default preventive action is to degrade (throttle) what spends it,
 * and no longer standing once the throttled rate lasts until the reset.
 */
class QuotaThrottleTest {

    private static final long LIMIT = 5_000;
    private static final Duration WINDOW = Duration.ofHours(1);

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-02T00:00:00Z"));
    private final Instant start = scheduler.now();

    /** Spends {@code perMinute} calls a minute; the window resets on the hour. */
    private final class Caller {
        double perMinute;
        double used;
        Instant last = start;

        RateLimitInfo headers() {
            Instant now = scheduler.now();
            long windowStart = Math.floorDiv(now.toEpochMilli(), WINDOW.toMillis()) * WINDOW.toMillis();
            if (last.toEpochMilli() < windowStart) {
                used = 0;
                last = Instant.ofEpochMilli(windowStart);
            }
            used += perMinute * Duration.between(last, now).toMillis() / 60_000.0;
            last = now;
            long remaining = Math.max(0, LIMIT - Math.round(used));
            return new RateLimitInfo(Optional.empty(), OptionalLong.of(remaining), OptionalLong.of(LIMIT),
                    Optional.of(Instant.ofEpochMilli(windowStart + WINDOW.toMillis())));
        }
    }

    @Test
    void aQuotaDrainedFasterThanItsWindowIsThrottledAndTheWarningClearsWhenTheForecastDoes() {
        Caller caller = new Caller();
        caller.perMinute = 150; // 9,000 an hour against 5,000: out about 33 minutes into each window
        List<Problem> problems = new ArrayList<>();
        ExhaustionPredictor predictor = new ExhaustionPredictor(List.of(new RateLimitQuotaGauge("github", caller::headers)),
                ForecastSelector.standard(), PredictionSettings.defaults(), problems::add, scheduler);
        predictor.start();

        while (problems.isEmpty() && scheduler.now().isBefore(start.plus(Duration.ofMinutes(33)))) {
            scheduler.advance(Duration.ofSeconds(10));
        }
        assertThat(problems).isNotEmpty();
        Problem problem = problems.getFirst();
        assertThat(problem.type()).isEqualTo(ProblemType.PREDICTED_QUOTA_EXHAUSTION);
        assertThat(problem.evidence()).startsWith("quota of github will be exhausted in about");
        assertThat(caller.used).isLessThan(LIMIT);
        assertThat(new RecoveryActionCatalog().actionNamesFor(problem.type())).containsExactly("enable_degradation");
        assertThat(predictor.standing("github")).isPresent();

        // the throttle: the degraded features stop, and the rest spends 15 a minute, which lasts until the reset
        caller.perMinute = 15;
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(caller.used).isLessThan(LIMIT);
        assertThat(predictor.standing("github")).isEmpty();
        assertThat(predictor.forecasts().getFirst().forecast().crossesWithin(Duration.ofMinutes(30))).isFalse();
        predictor.close();
    }

    @Test
    void aQuotaSpentWithinItsAllowanceRaisesNothing() {
        Caller caller = new Caller();
        caller.perMinute = 60; // 3,600 an hour against 5,000
        List<Problem> problems = new ArrayList<>();
        ExhaustionPredictor predictor = new ExhaustionPredictor(List.of(new RateLimitQuotaGauge("github", caller::headers)),
                ForecastSelector.standard(), PredictionSettings.defaults(), problems::add, scheduler);
        predictor.start();
        scheduler.advance(Duration.ofHours(5));
        assertThat(problems).isEmpty();
        predictor.close();
    }
}
