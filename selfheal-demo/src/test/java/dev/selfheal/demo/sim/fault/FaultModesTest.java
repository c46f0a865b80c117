package dev.selfheal.demo.sim.fault;

import static dev.selfheal.demo.sim.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimHttp;
import dev.selfheal.demo.sim.SimulatorProcess;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each fault mode against a real simulator process, observed the way a client would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultModesTest {

    private static final String[] AUTH = {"Authorization", "Bearer t"};
    private static final long MIB = 1024L * 1024L;
    private SimulatorProcess github;
    private SimHttp http;

    @BeforeAll
    void startTheSimulatorAsAChildProcess() {
        github = SimulatorProcess.start(Api.GITHUB, 2026, "t", Optional.empty());
        http = new SimHttp(github.baseUrl());
    }

    @AfterAll
    void stop() {
        github.close();
    }

    @AfterEach
    void clearFaults() {
        http.clearFaults();
    }

    private List<Integer> statusesOf(int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(http.get("/repos/acme/widgets/pulls/" + (1 + i % 50), AUTH).statusCode());
        }
        return statuses;
    }

    @Test
    void an_error_rate_fails_about_that_fraction_and_the_same_seed_repeats_the_same_sequence() {
        String fault = "{\"mode\":\"error-rate\",\"rate\":0.3}";
        http.injectFault(fault);
        List<Integer> first = statusesOf(300);
        http.injectFault(fault);
        List<Integer> again = statusesOf(300);

        double failed = first.stream().filter(s -> s >= 500).count() / 300.0;
        assertThat(failed).isBetween(0.2, 0.4);
        assertThat(first).containsOnly(200, 500, 502, 503);
        assertThat(again).isEqualTo(first);
        assertThat(json(http.get("/_admin/faults")).at("/faults/0/requests_seen").asLong()).isEqualTo(300);
    }

    @Test
    void a_latency_fault_adds_its_delay_to_every_answer() {
        http.injectFault("{\"mode\":\"latency\",\"fixed_ms\":600}");

        long started = System.nanoTime();
        HttpResponse<String> response = http.get("/repos/acme/widgets/pulls/1", AUTH);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(600);
    }

    @Test
    void a_hang_leaves_clients_waiting_while_admin_answers_and_clearing_it_brings_answers_back() {
        http.injectFault("{\"mode\":\"hang\"}");
        HttpClient impatient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> impatient.send(http.request("/repos/acme/widgets/pulls/1", AUTH).timeout(Duration.ofSeconds(1)).GET().build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        assertThat(http.get("/_admin/health").statusCode()).isEqualTo(200);
        assertThat(json(http.get("/_admin/faults")).at("/faults/0/mode").asText()).isEqualTo("hang");

        http.delete("/_admin/faults/hang");
        assertThat(http.get("/repos/acme/widgets/pulls/1", AUTH).statusCode()).isEqualTo(200);
    }

    @Test
    void memory_growth_shows_in_the_heap_the_process_reports_and_is_released_when_cleared() {
        long before = json(http.get("/_admin/stats")).get("heap_used_bytes").asLong();

        http.injectFault("{\"mode\":\"memory-growth\",\"mib_per_second\":32,\"max_mib\":96}");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode stats = json(http.get("/_admin/stats"));
            assertThat(stats.get("retained_bytes").asLong()).isEqualTo(96 * MIB);
            assertThat(stats.get("heap_used_bytes").asLong()).isGreaterThan(before + 64 * MIB);
        });
        http.delete("/_admin/faults/memory-growth");
        assertThat(json(http.get("/_admin/stats")).get("retained_bytes").asLong()).isZero();
    }

    @Test
    void an_error_after_applying_loses_the_answer_and_a_retry_with_the_same_key_gets_it_without_applying_again() {
        String[] keyed = {"Authorization", "Bearer t", "Idempotency-Key", "lost-answer-1"};
        http.injectFault("{\"mode\":\"error-rate\",\"rate\":1.0,\"statuses\":[502],\"phase\":\"after\"}");

        HttpResponse<String> lost = http.post("/repos/acme/widgets/issues/3/comments", "{\"body\":\"hi\"}", keyed);
        http.clearFaults();
        HttpResponse<String> retried = http.post("/repos/acme/widgets/issues/3/comments", "{\"body\":\"hi\"}", keyed);

        assertThat(lost.statusCode()).isEqualTo(502);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        JsonNode account = json(http.get("/_admin/applications?key=lost-answer-1")).at("/applications/0");
        assertThat(account.get("applied").asLong()).isEqualTo(1);
        assertThat(account.get("requests").asLong()).isEqualTo(2);
    }

    @Test
    void a_bad_admin_request_is_refused_with_what_and_where() {
        HttpResponse<String> malformed = http.post("/_admin/faults", "{\"mode\":", "Content-Type", "application/json");
        HttpResponse<String> unknownMode = http.delete("/_admin/faults/meltdown");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("detail").asText()).startsWith("POST /_admin/faults: the body is not valid JSON");
        assertThat(unknownMode.statusCode()).isEqualTo(400);
        assertThat(json(unknownMode).get("detail").asText()).contains("unknown mode \"meltdown\"");
    }

    @Test
    void faults_never_touch_admin_endpoints() {
        http.injectFault("{\"mode\":\"error-rate\",\"rate\":1.0}");

        assertThat(http.get("/_admin/stats").statusCode()).isEqualTo(200);
        assertThat(http.get("/_admin/applications").statusCode()).isEqualTo(200);
        assertThat(http.get("/rate_limit", AUTH).statusCode()).isGreaterThanOrEqualTo(500);
    }

}
