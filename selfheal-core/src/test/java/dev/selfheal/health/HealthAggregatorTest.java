package dev.selfheal.health;

import static dev.selfheal.status.HealthStatus.DEGRADED;
import static dev.selfheal.status.HealthStatus.HEALTHY;
import static dev.selfheal.status.HealthStatus.UNHEALTHY;
import static dev.selfheal.status.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.status.HealthStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthAggregatorTest {

    private static List<ComponentHealth> members(HealthStatus... statuses) {
        return Arrays.stream(statuses).map(s -> new ComponentHealth("c" + s.ordinal() + Math.random(), "g", s,
                Instant.EPOCH, Optional.empty(), 0, 0)).toList();
    }

    @Test
    void the_worst_policy_lets_any_unhealthy_win_then_any_degraded() {
        assertThat(HealthAggregator.group("g", GroupPolicy.WORST, members(HEALTHY, HEALTHY)).status()).isEqualTo(HEALTHY);
        assertThat(HealthAggregator.group("g", GroupPolicy.WORST, members(HEALTHY, DEGRADED)).status()).isEqualTo(DEGRADED);
        assertThat(HealthAggregator.group("g", GroupPolicy.WORST, members(DEGRADED, UNHEALTHY, HEALTHY)).status()).isEqualTo(UNHEALTHY);
    }

    @Test
    void the_integration_rule_degrades_below_half_and_fails_from_half() {
        assertThat(HealthAggregator.majority(List.of(HEALTHY, HEALTHY, HEALTHY, HEALTHY))).isEqualTo(HEALTHY);
        assertThat(HealthAggregator.majority(List.of(UNHEALTHY, HEALTHY, HEALTHY, HEALTHY))).isEqualTo(DEGRADED);
        assertThat(HealthAggregator.majority(List.of(UNHEALTHY, UNHEALTHY, HEALTHY, HEALTHY))).isEqualTo(UNHEALTHY);
        assertThat(HealthAggregator.majority(List.of(UNHEALTHY, UNHEALTHY, UNHEALTHY, HEALTHY))).isEqualTo(UNHEALTHY);
        assertThat(HealthAggregator.majority(List.of(UNHEALTHY, HEALTHY, HEALTHY))).isEqualTo(DEGRADED);
    }

    @Test
    void unknown_members_do_not_count_and_a_group_with_nothing_known_is_unknown() {
        assertThat(HealthAggregator.group("g", GroupPolicy.WORST, members(UNKNOWN, HEALTHY)).status()).isEqualTo(HEALTHY);
        assertThat(HealthAggregator.group("g", GroupPolicy.WORST, members(UNKNOWN)).status()).isEqualTo(UNKNOWN);
        assertThat(HealthAggregator.group("g", GroupPolicy.MAJORITY, members()).status()).isEqualTo(UNKNOWN);
    }

    @Test
    void the_group_message_counts_members_by_status() {
        GroupHealth group = HealthAggregator.group("integrations", GroupPolicy.MAJORITY,
                members(HEALTHY, HEALTHY, UNHEALTHY, DEGRADED));
        assertThat(group.message()).isEqualTo("2/4 healthy, 1 degraded, 1 unhealthy");
    }

    @Test
    void the_overall_status_is_the_worst_known_group() {
        List<GroupHealth> groups = List.of(
                HealthAggregator.group("system", GroupPolicy.WORST, members(HEALTHY)),
                HealthAggregator.group("integrations", GroupPolicy.MAJORITY, members(UNHEALTHY, HEALTHY, HEALTHY)),
                HealthAggregator.group("performance", GroupPolicy.WORST, members()));
        assertThat(HealthAggregator.overall(groups)).isEqualTo(DEGRADED);
    }
}
