package dev.selfheal.degradation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.events.DegradationLevelChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DegradationManagerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final EventBus bus = new EventBus();
    private final List<DegradationLevelChanged> changes = new ArrayList<>();
    private final DegradationManager manager = new DegradationManager(scheduler, bus, DegradationSettings.defaults());

    DegradationManagerTest() {
        bus.subscribe(DegradationLevelChanged.class, changes::add);
    }

    private static DegradationInputs unhealthy(int components) {
        return new DegradationInputs(components == 0, components, 0, 0.2, 0.3);
    }

    @Test
    void the_score_follows_the_documented_weights() {
        assertThat(new DegradationInputs(false, 2, 3, 0.95, 0.5).score()).isEqualTo(2 + 1.5 + 2);
        assertThat(new DegradationInputs(false, 0, 0, 0.5, 0.91).score()).isEqualTo(2);
        assertThat(DegradationInputs.HEALTHY.score()).isZero();
        assertThat(DegradationLevel.forScore(0.5)).isEqualTo(DegradationLevel.FULL_SERVICE);
        assertThat(DegradationLevel.forScore(1)).isEqualTo(DegradationLevel.REDUCED_FEATURES);
        assertThat(DegradationLevel.forScore(2.5)).isEqualTo(DegradationLevel.ESSENTIAL_ONLY);
        assertThat(DegradationLevel.forScore(3)).isEqualTo(DegradationLevel.READ_ONLY);
        assertThat(DegradationLevel.forScore(7)).isEqualTo(DegradationLevel.MAINTENANCE_MODE);
    }

    @Test
    void each_level_switches_off_its_features() {
        FeatureToggles features = manager.features();
        manager.assess(unhealthy(2));
        assertThat(features.isEnabled("advanced_analytics")).isFalse();
        assertThat(features.isEnabled("notifications")).isFalse();
        assertThat(features.isEnabled("write_operations")).isTrue();

        manager.assess(unhealthy(3));
        assertThat(features.isEnabled("write_operations")).isFalse();
        assertThat(features.isEnabled("integrations")).isFalse();
        assertThat(features.isEnabled("checkout")).isTrue();

        manager.assess(unhealthy(4));
        assertThat(features.isEnabled("checkout")).isFalse();
        assertThat(features.isEnabled("health_checks")).isTrue();
        assertThat(features.isEnabled("status_page")).isTrue();
    }

    @Test
    void the_level_rises_at_once_and_steps_down_one_level_per_hold_down() {
        manager.assess(unhealthy(3));
        assertThat(manager.level()).isEqualTo(DegradationLevel.READ_ONLY);

        manager.assess(unhealthy(0));
        scheduler.advance(Duration.ofSeconds(59));
        assertThat(manager.level()).isEqualTo(DegradationLevel.READ_ONLY);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(manager.level()).isEqualTo(DegradationLevel.ESSENTIAL_ONLY);
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(manager.level()).isEqualTo(DegradationLevel.REDUCED_FEATURES);
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(manager.level()).isEqualTo(DegradationLevel.FULL_SERVICE);

        assertThat(changes).extracting(DegradationLevelChanged::to).containsExactly(3, 2, 1, 0);
    }

    @Test
    void while_the_hysteresis_holds_the_level_it_says_what_is_wanted_and_when_it_steps_down() {
        manager.assess(unhealthy(2));
        assertThat(manager.stepDownAt()).as("nothing lower is wanted").isEmpty();
        assertThat(manager.wanted()).isEqualTo(DegradationLevel.ESSENTIAL_ONLY);

        manager.assess(unhealthy(0));
        java.time.Instant fellAt = scheduler.now();
        scheduler.advance(Duration.ofSeconds(20));

        assertThat(manager.level()).isEqualTo(DegradationLevel.ESSENTIAL_ONLY);
        assertThat(manager.wanted()).isEqualTo(DegradationLevel.FULL_SERVICE);
        assertThat(manager.holdDown()).isEqualTo(Duration.ofSeconds(60));
        assertThat(manager.stepDownAt()).contains(fellAt.plusSeconds(60));

        scheduler.advance(Duration.ofSeconds(40));
        assertThat(manager.level()).isEqualTo(DegradationLevel.REDUCED_FEATURES);
        assertThat(manager.stepDownAt()).as("the next hold-down").contains(fellAt.plusSeconds(120));
        assertThat(changes.getLast().reason()).endsWith("the wanted level stayed below essential_only for 1 min");

        manager.pin(DegradationLevel.REDUCED_FEATURES, "test");
        assertThat(manager.stepDownAt()).as("a pinned level does not step down").isEmpty();
    }

    @Test
    void a_score_that_flaps_back_up_during_the_hold_down_keeps_the_level() {
        manager.assess(unhealthy(2));
        manager.assess(unhealthy(0));
        scheduler.advance(Duration.ofSeconds(40));
        manager.assess(unhealthy(2));
        scheduler.advance(Duration.ofSeconds(30));
        manager.assess(unhealthy(0));
        scheduler.advance(Duration.ofSeconds(59));

        assertThat(manager.level()).isEqualTo(DegradationLevel.ESSENTIAL_ONLY);
        assertThat(changes).hasSize(1);
    }

    @Test
    void a_level_pinned_by_hand_holds_whatever_the_score_until_unpinned() {
        manager.pin(DegradationLevel.READ_ONLY, "database migration");
        manager.assess(unhealthy(0));
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(manager.level()).isEqualTo(DegradationLevel.READ_ONLY);
        assertThat(manager.state().pinned()).contains(DegradationLevel.READ_ONLY);

        manager.unpin("migration done");
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(manager.level()).isEqualTo(DegradationLevel.ESSENTIAL_ONLY);
        assertThat(changes.getFirst().reason()).contains("pinned by hand: database migration");
    }

    @Test
    void a_floor_raised_by_a_recovery_action_lapses_by_itself() {
        manager.raiseFloor(DegradationLevel.REDUCED_FEATURES, Duration.ofMinutes(5), "incident inc-1");
        assertThat(manager.features().isEnabled("batch_processing")).isFalse();

        scheduler.advance(Duration.ofMinutes(5));
        assertThat(manager.level()).isEqualTo(DegradationLevel.REDUCED_FEATURES);
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(manager.level()).isEqualTo(DegradationLevel.FULL_SERVICE);
    }
}
