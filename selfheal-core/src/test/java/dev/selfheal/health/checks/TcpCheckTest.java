package dev.selfheal.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.health.HealthCheckContract;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TcpCheckTest {

    private ServerSocket listening;

    @BeforeEach
    void listen() throws Exception {
        // The kernel completes the handshake from the backlog; nobody needs to accept.
        listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stopListening() throws Exception {
        listening.close();
    }

    @Test
    void a_listening_port_is_healthy() throws Exception {
        HealthCheckResult result = new TcpCheck(TcpCheck.Settings.defaults("127.0.0.1", listening.getLocalPort())).check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.message()).isEqualTo("Connected to 127.0.0.1:" + listening.getLocalPort());
        assertThat(result.details()).containsEntry("port", listening.getLocalPort()).containsEntry("host", "127.0.0.1");
    }

    @Test
    void a_port_with_nothing_listening_is_unhealthy_with_the_reason() throws Exception {
        int closed = ClosedPort.find();

        HealthCheckResult result = new TcpCheck(TcpCheck.Settings.defaults("127.0.0.1", closed)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("Connection refused by 127.0.0.1:" + closed);
    }

    @Test
    void a_port_that_stops_listening_turns_unhealthy() throws Exception {
        var check = new TcpCheck(TcpCheck.Settings.defaults("127.0.0.1", listening.getLocalPort()));
        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);

        listening.close();

        assertThat(check.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void an_unknown_host_is_unhealthy_naming_it() throws Exception {
        HealthCheckResult result = new TcpCheck(TcpCheck.Settings.defaults("no-such-host.invalid", 80)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("Unknown host no-such-host.invalid");
    }

    @Test
    void bad_settings_are_refused_naming_the_key_and_the_value() {
        assertThatThrownBy(() -> TcpCheck.Settings.defaults("db", 70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be within 1-65535: 70000");
        assertThatThrownBy(() -> TcpCheck.Settings.defaults(" ", 80)).hasMessage("host must not be blank: ' '");
        assertThatThrownBy(() -> new TcpCheck.Settings("db", 5432, Duration.ofSeconds(-1)))
                .hasMessage("connect-timeout must be a positive duration, got PT-1S");
    }

    @Nested
    class Contract extends HealthCheckContract {

        @Override
        protected HealthCheck healthyCheck() {
            return new TcpCheck(TcpCheck.Settings.defaults("127.0.0.1", listening.getLocalPort()));
        }

        @Override
        protected HealthCheck failingCheck() throws Exception {
            return new TcpCheck(TcpCheck.Settings.defaults("127.0.0.1", ClosedPort.find()));
        }
    }
}
