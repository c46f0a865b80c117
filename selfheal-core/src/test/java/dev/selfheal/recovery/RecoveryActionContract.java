package dev.selfheal.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RecoveryAction} runs (shipped in the core test jar). A subclass gives
 * an action wired to a real thing that works, and a context for it; the kit checks the SPI's
 * promises: a catalog name, sane settings, a target, a result with a message, and for idempotent
 * actions that a second run is harmless.
 */
public abstract class RecoveryActionContract {

    /** An action wired so that executing it succeeds. */
    protected abstract RecoveryAction action() throws Exception;

    /** The component it acts on. */
    protected abstract String component();

    protected ActionContext context() {
        return ActionContext.manual(component(), Instant.now());
    }

    @Test
    void its_name_is_a_catalog_name() throws Exception {
        assertThat(action().name()).matches("[a-z][a-z0-9_]{0,63}");
    }

    @Test
    void its_settings_are_sane() throws Exception {
        RecoveryAction action = action();
        assertThat(action.risk()).isNotNull();
        assertThat(action.timeout()).isGreaterThan(java.time.Duration.ZERO);
        assertThat(action.delayAfter()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        assertThat(action.cooldown()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        assertThat(ActionSettings.of(action).applyTo(action).name()).isEqualTo(action.name());
    }

    @Test
    void it_names_a_target() throws Exception {
        assertThat(action().target(context())).isNotBlank();
    }

    @Test
    protected void executing_it_succeeds_and_says_what_it_did() throws Exception {
        ActionResult result = action().execute(context());
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isNotBlank();
    }

    @Test
    void an_idempotent_action_can_run_twice() throws Exception {
        RecoveryAction action = action();
        if (!action.idempotent()) {
            return;
        }
        assertThat(action.execute(context()).success()).isTrue();
        assertThat(action.execute(context()).success()).isTrue();
    }
}
