package dev.selfheal.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.health.HealthCheckContract;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HttpCheckTest {

    private LoopbackHttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static HealthCheckResult run(HttpCheck.Settings settings) throws Exception {
        try (var closer = new Closer(new HttpCheck(settings))) {
            return closer.check.check();
        }
    }

    private record Closer(HttpCheck check) implements AutoCloseable {
        @Override
        public void close() {
            check.close();
        }
    }

    @Test
    void an_expected_status_is_healthy_and_reports_status_code_and_latency() throws Exception {
        HealthCheckResult result = run(HttpCheck.Settings.defaults(server.uri("/ok")));

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.message()).isEqualTo("HTTP 200 from " + server.uri("/ok"));
        assertThat(result.details()).containsEntry("status_code", 200).containsKey("latency_ms");
    }

    @Test
    void a_status_outside_the_range_is_unhealthy_naming_status_and_url() throws Exception {
        HealthCheckResult result = run(HttpCheck.Settings.defaults(server.uri("/fail")));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("HTTP 503 from " + server.uri("/fail"));
        assertThat(result.details()).containsEntry("status_code", 503);
    }

    @Test
    void the_expected_range_decides_what_counts_as_healthy() throws Exception {
        var fiveHundredsExpected = HttpCheck.Settings.defaults(server.uri("/fail")).withExpectedStatus(500, 599);
        var onlyOkExpected = HttpCheck.Settings.defaults(server.uri("/redirect")).withExpectedStatus(200, 299);

        assertThat(run(fiveHundredsExpected).status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(run(onlyOkExpected).message()).isEqualTo("HTTP 302 from " + server.uri("/redirect"));
        assertThat(run(HttpCheck.Settings.defaults(server.uri("/redirect"))).status())
                .as("redirects are not followed; 302 is within the default 200-399")
                .isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void a_body_with_the_expected_text_is_healthy_and_one_without_it_is_unhealthy() throws Exception {
        var expectingGo = HttpCheck.Settings.defaults(server.uri("/ok")).withBodyContains("all systems go");
        var expectingOther = HttpCheck.Settings.defaults(server.uri("/ok")).withBodyContains("database: up");

        assertThat(run(expectingGo).status()).isEqualTo(HealthStatus.HEALTHY);
        HealthCheckResult missing = run(expectingOther);
        assertThat(missing.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(missing.message()).contains("does not contain 'database: up'");
    }

    @Test
    void a_correct_answer_slower_than_degraded_after_is_degraded() throws Exception {
        var settings = HttpCheck.Settings.defaults(server.uri("/slow")).withDegradedAfter(Duration.ofMillis(100));

        HealthCheckResult result = run(settings);

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).contains("above degraded-after 100 ms");
        assertThat((Long) result.details().get("latency_ms")).isGreaterThanOrEqualTo(LoopbackHttpServer.SLOW_MILLIS);
    }

    @Test
    void a_fast_answer_under_degraded_after_stays_healthy() throws Exception {
        var settings = HttpCheck.Settings.defaults(server.uri("/ok")).withDegradedAfter(Duration.ofSeconds(30));

        assertThat(run(settings).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void a_refused_connection_is_unhealthy_with_the_reason() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + ClosedPort.find() + "/health");

        HealthCheckResult result = run(HttpCheck.Settings.defaults(closed));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("Connection refused by " + closed);
    }

    @Test
    void a_server_that_does_not_answer_in_time_is_unhealthy_with_the_timeout() throws Exception {
        var settings = HttpCheck.Settings.defaults(server.uri("/hang")).withRequestTimeout(Duration.ofSeconds(2));

        HealthCheckResult result = run(settings);

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("No response within PT2S from " + server.uri("/hang"));
    }

    @Test
    void secret_header_values_are_sent_but_never_shown() throws Exception {
        var headers = Map.of("Authorization", "Bearer s3cr3t-bearer", "X-Api-Key", "k3y-value", "Accept", "text/plain");
        var failing = HttpCheck.Settings.defaults(server.uri("/fail")).withHeaders(headers);
        var refused = HttpCheck.Settings.defaults(URI.create("http://127.0.0.1:" + ClosedPort.find() + "/")).withHeaders(headers);

        HealthCheckResult failed = run(failing);
        HealthCheckResult notConnected = run(refused);

        assertThat(server.authorizationHeadersSeen).containsExactly("Bearer s3cr3t-bearer");
        for (var shown : new String[] {failed.toString(), notConnected.toString(), failing.toString(), new HttpCheck(failing).toString()}) {
            assertThat(shown).doesNotContain("s3cr3t-bearer").doesNotContain("k3y-value");
        }
        assertThat(failing.toString()).contains("Accept=text/plain");
    }

    @Test
    void secrets_in_the_url_are_masked_in_messages() throws Exception {
        URI withToken = URI.create(server.uri("/fail") + "?token=t0ps3cret&page=1");

        HealthCheckResult result = run(HttpCheck.Settings.defaults(withToken));

        assertThat(result.message()).doesNotContain("t0ps3cret").contains("token=***&page=1");
    }

    @Test
    void a_closed_check_says_so_instead_of_calling() throws Exception {
        var check = new HttpCheck(HttpCheck.Settings.defaults(server.uri("/ok")));
        check.close();

        HealthCheckResult result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("is closed");
    }

    @Test
    void bad_settings_are_refused_naming_the_key_and_the_value() {
        URI ok = URI.create("http://127.0.0.1:8080/");
        assertThatThrownBy(() -> HttpCheck.Settings.defaults(URI.create("ftp://example.com/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must be an absolute http or https URL with a host: ftp://example.com/x");
        assertThatThrownBy(() -> HttpCheck.Settings.defaults(ok).withExpectedStatus(200, 700))
                .hasMessage("expected-status-max must be within 100-599: 700");
        assertThatThrownBy(() -> HttpCheck.Settings.defaults(ok).withExpectedStatus(400, 300))
                .hasMessage("expected-status-min must not exceed expected-status-max (300): 400");
        assertThatThrownBy(() -> HttpCheck.Settings.defaults(ok).withRequestTimeout(Duration.ZERO))
                .hasMessage("request-timeout must be a positive duration, got PT0S");
        assertThatThrownBy(() -> HttpCheck.Settings.defaults(ok).withDegradedAfter(Duration.ofMillis(-1)))
                .hasMessage("degraded-after must be a positive duration, got PT-0.001S");
        assertThatThrownBy(() -> new HttpCheck.Settings(ok, "GE T", Map.of(), 200, 399, Optional.empty(),
                Optional.empty(), Duration.ofSeconds(1)))
                .hasMessage("method must be an HTTP method name: 'GE T'");
        assertThatThrownBy(() -> new HttpCheck.Settings(ok, "GET", Map.of(), 200, 399, null,
                Optional.empty(), Duration.ofSeconds(1)))
                .hasMessage("body-contains must be set");
    }

    @Nested
    class Contract extends HealthCheckContract {

        @Override
        protected HealthCheck healthyCheck() {
            return new HttpCheck(HttpCheck.Settings.defaults(server.uri("/ok")));
        }

        @Override
        protected HealthCheck failingCheck() {
            return new HttpCheck(HttpCheck.Settings.defaults(server.uri("/fail")));
        }

        @Override
        protected Optional<HealthCheck> blockingCheck() {
            return Optional.of(new HttpCheck(
                    HttpCheck.Settings.defaults(server.uri("/hang")).withRequestTimeout(Duration.ofMinutes(5))));
        }
    }
}
