package dev.selfheal.integrations.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.selfheal.resilience.CallRejectedException;
import dev.selfheal.resilience.retry.HttpStatusException;
import dev.selfheal.status.HealthStatus;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class ProbeHealthCheckTest {

    private final Deque<Callable<ApiResponse>> answers = new ArrayDeque<>();
    private volatile Exception lastFarSide;
    private final ProbeHealthCheck check = new ProbeHealthCheck("slack", () -> {
        try {
            ApiResponse r = answers.poll().call();
            lastFarSide = null;
            return r;
        } catch (CallRejectedException e) {
            throw e;
        } catch (Exception e) {
            lastFarSide = e;
            throw e;
        }
    }, Duration.ofMillis(500), 0.10, () -> java.util.Optional.ofNullable(lastFarSide));

    private static Callable<ApiResponse> ok() {
        return () -> new ApiResponse(200, Map.of(), MissingNode.getInstance(), Duration.ofMillis(5));
    }

    private static Callable<ApiResponse> failing(Exception e) {
        return () -> {
            throw e;
        };
    }

    private static final CallRejectedException OPEN = new CallRejectedException("slack", CallRejectedException.Reason.BREAKER_OPEN, null);

    @Test
    void aBreakerOpenedAfterRateLimitingIsDegradedNotADeadService() throws Exception {
        answers.add(failing(new HttpStatusException(429, Map.of("Retry-After", List.of("30")))));
        answers.add(failing(OPEN));

        assertThat(check.check().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(check.check().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void aBreakerOpenedAfterTheServiceStoppedAnsweringStaysUnhealthy() throws Exception {
        answers.add(failing(new ConnectException("Connection refused")));
        answers.add(failing(OPEN));

        assertThat(check.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(check.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void aBreakerOpenedByOtherCallsSeeingTheServiceDownIsUnhealthyThoughTheProbeNeverSawIt() throws Exception {
        answers.add(failing(OPEN));
        lastFarSide = new ConnectException("Connection refused");

        assertThat(check.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void aBreakerOpenedByOtherCallsWhileTheLastProbeWasFineIsDegraded() throws Exception {
        answers.add(ok());
        answers.add(failing(OPEN));

        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(check.check().message()).contains("not probed");
    }
}
