package dev.selfheal.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResamplingTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);

    /** Ten five-minute rows valued 0, 10, 20, ... with one window over rows 4-6. */
    private static Resampling.Resampled resample(Duration interval) {
        List<LocalDateTime> ts = new ArrayList<>();
        double[] values = new double[10];
        for (int i = 0; i < 10; i++) {
            ts.add(T0.plusMinutes(5L * i));
            values[i] = 10 * i;
        }
        NabSeries s = new NabSeries("c/f.csv", ts, values);
        return Resampling.of(s, List.of(new LabelledWindow(ts.get(4), ts.get(6))), interval);
    }

    @Test
    void aFinerIntervalInterpolatesBetweenRowsAndKeepsTheWindowInPlace() {
        Resampling.Resampled r = resample(Duration.ofSeconds(150));
        assertThat(r.series().size()).isEqualTo(19);
        assertThat(r.series().values()[1]).isEqualTo(5.0);
        assertThat(r.series().values()[18]).isEqualTo(90.0);
        assertThat(r.windows().get(0)).isEqualTo(new LabelledWindow(T0.plusMinutes(20), T0.plusMinutes(30)));
    }

    @Test
    void aCoarserIntervalAveragesEachIntervalLabelledByItsStart() {
        Resampling.Resampled r = resample(Duration.ofMinutes(10));
        assertThat(r.series().timestamps()).hasSize(5).startsWith(T0, T0.plusMinutes(10));
        assertThat(r.series().values()).containsExactly(5.0, 25.0, 45.0, 65.0, 85.0);
        // rows 4-6 (20-30 min) lie in the intervals starting at 20 and 30 min
        assertThat(r.windows().get(0)).isEqualTo(new LabelledWindow(T0.plusMinutes(20), T0.plusMinutes(30)));
    }

    @Test
    void intervalsAreReadInShortOrIsoForm() {
        assertThat(Resampling.parse("150s")).isEqualTo(Duration.ofSeconds(150));
        assertThat(Resampling.parse("2.5m")).isEqualTo(Duration.ofSeconds(150));
        assertThat(Resampling.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> Resampling.parse("ten minutes")).hasMessageContaining("ten minutes");
    }
}
