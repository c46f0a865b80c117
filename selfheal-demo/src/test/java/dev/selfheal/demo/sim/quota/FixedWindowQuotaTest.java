package dev.selfheal.demo.sim.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FixedWindowQuotaTest {

    @Test
    void requests_beyond_the_limit_are_refused_until_the_window_resets() {
        VirtualScheduler time = new VirtualScheduler();
        FixedWindowQuota quota = new FixedWindowQuota(2, Duration.ofHours(1), time.clock());

        assertThat(quota.consume().allowed()).isTrue();
        FixedWindowQuota.Admission second = quota.consume();
        FixedWindowQuota.Admission third = quota.consume();
        time.advance(Duration.ofHours(1));
        FixedWindowQuota.Admission afterReset = quota.consume();

        assertThat(second.allowed()).isTrue();
        assertThat(second.snapshot().remaining()).isZero();
        assertThat(third.allowed()).isFalse();
        assertThat(third.snapshot().resetAt()).isEqualTo(time.now());
        assertThat(afterReset.allowed()).isTrue();
        assertThat(afterReset.snapshot().used()).isEqualTo(1);
        assertThat(afterReset.snapshot().resetAt()).isEqualTo(time.now().plus(Duration.ofHours(1)));
    }
}
