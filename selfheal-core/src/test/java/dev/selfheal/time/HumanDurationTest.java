package dev.selfheal.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void aMeasuredLengthReadsInTheUnitAPersonUses() {
        assertThat(HumanDuration.of(Duration.ZERO)).isEqualTo("0 ms");
        assertThat(HumanDuration.of(Duration.ofMillis(21))).isEqualTo("21 ms");
        assertThat(HumanDuration.of(Duration.ofMillis(999))).isEqualTo("999 ms");
        assertThat(HumanDuration.of(Duration.ofSeconds(1))).isEqualTo("1 s");
        assertThat(HumanDuration.of(Duration.ofMillis(2_340))).isEqualTo("2.3 s");
        assertThat(HumanDuration.of(Duration.ofMillis(9_940))).isEqualTo("9.9 s");
        assertThat(HumanDuration.of(Duration.ofSeconds(10))).isEqualTo("10 s");
        assertThat(HumanDuration.of(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(HumanDuration.of(Duration.ofMillis(59_400))).isEqualTo("59 s");
        assertThat(HumanDuration.of(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(HumanDuration.of(Duration.ofSeconds(65))).isEqualTo("1 min 5 s");
        assertThat(HumanDuration.of(Duration.ofSeconds(120))).isEqualTo("2 min");
        assertThat(HumanDuration.of(Duration.ofHours(1))).isEqualTo("1 h");
        assertThat(HumanDuration.of(Duration.ofSeconds(3_725))).isEqualTo("1 h 2 min");
        assertThat(HumanDuration.of(Duration.ofDays(2))).isEqualTo("48 h");
    }

    @Test
    void aNegativeLengthReadsAsNothing() {
        assertThat(HumanDuration.of(Duration.ofSeconds(-5))).isEqualTo("0 ms");
    }

    @Test
    void anEstimateIsRoundedToOneUnit() {
        assertThat(HumanDuration.about(Duration.ofSeconds(40))).isEqualTo("about 40 s");
        assertThat(HumanDuration.about(Duration.ofSeconds(119))).isEqualTo("about 119 s");
        assertThat(HumanDuration.about(Duration.ofSeconds(120))).isEqualTo("about 2 min");
        assertThat(HumanDuration.about(Duration.ofSeconds(250))).isEqualTo("about 4 min");
        assertThat(HumanDuration.about(Duration.ofMinutes(119))).isEqualTo("about 119 min");
        assertThat(HumanDuration.about(Duration.ofHours(2))).isEqualTo("about 2 h");
        assertThat(HumanDuration.about(Duration.ofMinutes(-250))).isEqualTo("about 4 h");
    }
}
