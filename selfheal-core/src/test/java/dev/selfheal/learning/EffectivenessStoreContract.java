package dev.selfheal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.recovery.Effectiveness;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link EffectivenessStore} runs (core test jar). */
public abstract class EffectivenessStoreContract {

    protected abstract EffectivenessStore newStore() throws Exception;

    private EffectivenessStore store;

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore();
    }

    @Test
    void outcomes_add_up_per_problem_type_and_action() {
        assertThat(store.get("process_down", "restart_service")).isEqualTo(Effectiveness.none("process_down", "restart_service"));

        store.record("process_down", "restart_service", true, Duration.ofSeconds(2));
        store.record("process_down", "restart_service", false, Duration.ofSeconds(4));
        Effectiveness last = store.record("process_down", "restart_service", true, Duration.ofSeconds(3));
        store.record("high_memory_usage", "garbage_collect", true, Duration.ofMillis(300));

        assertThat(last).isEqualTo(new Effectiveness("process_down", "restart_service", 3, 2, Duration.ofSeconds(9)));
        assertThat(last.successRate()).isEqualTo(3.0 / 5.0);
        assertThat(last.meanDuration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(store.all()).extracting(Effectiveness::action).containsExactly("garbage_collect", "restart_service");
    }
}
