package dev.selfheal.demo.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.demo.sim.BadRequest;
import dev.selfheal.demo.sim.SimJson;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultJsonTest {

    private static Fault parse(String json) {
        return FaultJson.parse(SimJson.parse(json, "test"), 100);
    }

    @Test
    void every_mode_parses_from_its_documented_json() {
        assertThat(parse("{\"mode\":\"error-rate\",\"rate\":0.25,\"statuses\":[503],\"phase\":\"after\",\"duration_ms\":1000}"))
                .isEqualTo(new Fault.ErrorRate(0.25, List.of(503), Fault.Phase.AFTER, Optional.of(Duration.ofSeconds(1))));
        assertThat(parse("{\"mode\":\"latency\",\"fixed_ms\":200}"))
                .isEqualTo(new Fault.Latency(Duration.ofMillis(200), Duration.ofMillis(200), Optional.empty()));
        assertThat(parse("{\"mode\":\"hang\"}")).isEqualTo(new Fault.Hang(Optional.empty()));
        assertThat(parse("{\"mode\":\"crash\"}")).isEqualTo(new Fault.Crash(1));
        assertThat(parse("{\"mode\":\"rate-limit\"}")).isEqualTo(new Fault.RateLimit(Duration.ofSeconds(60)));
        assertThat(parse("{\"mode\":\"memory-growth\",\"mib_per_second\":8}"))
                .isEqualTo(new Fault.MemoryGrowth(8, 100, Optional.empty()));
    }

    @Test
    void a_bad_fault_is_refused_with_the_field_and_the_reason() {
        assertThatThrownBy(() -> parse("{\"rate\":0.5}")).isInstanceOf(BadRequest.class)
                .hasMessageContaining("field \"mode\" is required");
        assertThatThrownBy(() -> parse("{\"mode\":\"explode\"}")).hasMessageContaining("\"explode\", expected one of: error-rate");
        assertThatThrownBy(() -> parse("{\"mode\":\"error-rate\",\"rate\":1.5}"))
                .hasMessageContaining("field \"rate\" of mode error-rate must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> parse("{\"mode\":\"error-rate\",\"rate\":0.1,\"statuses\":[404]}"))
                .hasMessageContaining("\"statuses\" of mode error-rate")
                .hasMessageContaining("[0] must be an HTTP status 500-599, got 404");
        assertThatThrownBy(() -> parse("{\"mode\":\"latency\",\"min_ms\":500,\"max_ms\":100}"))
                .hasMessageContaining("\"min_ms\" of mode latency (500) must not exceed \"max_ms\" (100)");
        assertThatThrownBy(() -> parse("{\"mode\":\"hang\",\"duraton_ms\":5}"))
                .hasMessageContaining("unknown field \"duraton_ms\" for mode hang; it takes: duration_ms");
        assertThatThrownBy(() -> parse("{\"mode\":\"crash\",\"exit_code\":0}"))
                .hasMessageContaining("must be between 1 and 255");
        assertThatThrownBy(() -> parse("{\"mode\":\"memory-growth\"}"))
                .hasMessageContaining("mode memory-growth needs field \"mib_per_second\"");
        assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("must be a JSON object");
    }
}
