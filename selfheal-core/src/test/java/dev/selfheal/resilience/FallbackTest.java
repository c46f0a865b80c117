package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static dev.selfheal.resilience.GuardFixture.failing;
import static dev.selfheal.resilience.GuardFixture.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.resilience.retry.RetrySettings;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the caller gets when the integration cannot take the call: the last good value, or word of a degraded feature. */
class FallbackTest {

    @Test
    void theLastGoodValueAnswersWithItsAgeWhileTheBreakerIsOpen() {
        // Given linear remembering last good values for 10 minutes, and one good answer
        GuardFixture f = new GuardFixture(config("linear").retry(RetrySettings.none())
                .fallback(Fallback.lastGoodValue(100, Duration.ofMinutes(10))).build());
        Guard guard = f.guard("linear");
        guard.call("list_issues", () -> "issues@v1");

        // When the breaker is open 5 minutes later
        guard.forceOpen();
        f.time.advance(Duration.ofMinutes(5));

        // Then the caller gets the last good value, knows its age and why
        Outcome<String> outcome = guard.execute("list_issues", () -> "not called");
        assertThat(outcome).isInstanceOfSatisfying(Outcome.LastGood.class, good -> {
            assertThat(good.value()).isEqualTo("issues@v1");
            assertThat(good.age()).isEqualTo(Duration.ofMinutes(5));
            assertThat(good.cause()).isInstanceOf(CallRejectedException.class);
        });
        assertThat(guard.call("list_issues", () -> "not called")).isEqualTo("issues@v1");
        assertThat(f.counter("selfheal.guard.calls", "integration", "linear", "outcome", "fallback")).isEqualTo(2);

        // And once it is older than its maximum age, it is no answer
        f.time.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> guard.call("list_issues", () -> "not called")).isInstanceOf(CallRejectedException.class);
        // nor is a value remembered for another operation
        assertThatThrownBy(() -> guard.call("list_teams", () -> "not called")).isInstanceOf(CallRejectedException.class);
    }

    @Test
    void lastGoodValuesAreBounded() {
        GuardFixture f = new GuardFixture(config("github").retry(RetrySettings.none())
                .fallback(Fallback.lastGoodValue(2, Duration.ofHours(1))).build());
        Guard guard = f.guard("github");
        guard.call("a", () -> "A");
        guard.call("b", () -> "B");
        guard.call("c", () -> "C");
        guard.forceOpen();

        assertThat(guard.call("c", () -> "x")).isEqualTo("C");
        assertThat(guard.call("b", () -> "x")).isEqualTo("B");
        assertThatThrownBy(() -> guard.call("a", () -> "x")).as("the least recently used went first").isInstanceOf(CallRejectedException.class);
    }

    @Test
    void aFailureThatIsNotRetryableNeverFallsBack() {
        GuardFixture f = new GuardFixture(config("linear").retry(RetrySettings.none())
                .fallback(Fallback.lastGoodValue(10, Duration.ofHours(1))).build());
        Guard guard = f.guard("linear");
        guard.call("op", () -> "good");

        assertThatThrownBy(() -> guard.call("op", failing(http(400))))
                .isExactlyInstanceOf(CallFailedException.class)
                .hasMessageContaining("HTTP 400");
    }

    @Test
    void degradeTellsTheCallerWhichFeatureIsOff() {
        GuardFixture f = new GuardFixture(config("codegen").retry(RetrySettings.builder().maxAttempts(2).build())
                .fallback(Fallback.degrade("code_generation")).build());
        Guard guard = f.guard("codegen");

        Outcome<String> outcome = guard.execute("generate", failing(new IOException("codegen down")));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Degraded.class, d -> {
            assertThat(d.feature()).isEqualTo("code_generation");
            assertThat(d.cause()).isInstanceOf(RetriesExhaustedException.class);
        });
        assertThatThrownBy(() -> guard.call("generate", failing(new IOException("codegen down"))))
                .isInstanceOfSatisfying(FeatureDegradedException.class, e -> assertThat(e.feature()).isEqualTo("code_generation"))
                .hasMessageStartingWith("feature 'code_generation' is off: call to codegen");
    }

    @Test
    void aLiveAnswerSaysSo() {
        GuardFixture f = new GuardFixture(config("slack").fallback(Fallback.degrade("notifications")).build());
        assertThat(f.guard("slack").execute("op", () -> 42)).isEqualTo(new Outcome.Live<>(42));
    }
}
