package dev.selfheal.health.checks;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;

/**
 * Opens a TCP connection and closes it again: the port answers or it does not.
 *
 * <p>The connection goes through a {@link SocketChannel} because a channel is interruptible on
 * any thread: when the engine's timeout interrupts a run stuck in connect, the run ends at once
 * instead of waiting out the connect timeout.
 */
public final class TcpCheck implements HealthCheck {

    /**
     * @param host           name or address to connect to
     * @param port           1-65535
     * @param connectTimeout how long to wait for the connection (default 5 s)
     */
    public record Settings(String host, int port, Duration connectTimeout) {

        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

        public Settings {
            Require.nonBlank(host, "host");
            Require.that(port >= 1 && port <= 65535, "port must be within 1-65535: %s", port);
            Require.positive(connectTimeout, "connect-timeout");
            Require.that(connectTimeout.toMillis() <= Integer.MAX_VALUE, "connect-timeout is too long: %s", connectTimeout);
        }

        public static Settings defaults(String host, int port) {
            return new Settings(host, port, DEFAULT_CONNECT_TIMEOUT);
        }
    }

    private final Settings settings;
    private final String target;

    public TcpCheck(Settings settings) {
        this.settings = Require.nonNull(settings, "settings");
        this.target = settings.host() + ":" + settings.port();
    }

    @Override
    public HealthCheckResult check() throws InterruptedException {
        Map<String, Object> details = Map.of("host", settings.host(), "port", settings.port());
        try (SocketChannel channel = SocketChannel.open()) {
            // The channel's socket adaptor honours the timeout and stays interruptible.
            channel.socket().connect(new InetSocketAddress(settings.host(), settings.port()),
                    (int) Math.max(1, settings.connectTimeout().toMillis()));
            return HealthCheckResult.of(HealthStatus.HEALTHY, "Connected to " + target, details);
        } catch (ClosedByInterruptException e) {
            throw interrupted(e);
        } catch (ConnectException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            return HealthCheckResult.of(HealthStatus.UNHEALTHY, "Connection refused by " + target, details);
        } catch (SocketTimeoutException e) {
            return HealthCheckResult.of(HealthStatus.UNHEALTHY,
                    "Timed out after " + settings.connectTimeout() + " connecting to " + target, details);
        } catch (UnknownHostException | UnresolvedAddressException e) {
            return HealthCheckResult.of(HealthStatus.UNHEALTHY, "Unknown host " + settings.host(), details);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            return HealthCheckResult.of(HealthStatus.UNHEALTHY, "Connecting to " + target + " failed: " + Reasons.of(e), details);
        }
    }

    private static InterruptedException interrupted(Exception cause) {
        var interrupted = new InterruptedException("interrupted while connecting");
        interrupted.initCause(cause);
        return interrupted;
    }

    @Override
    public String toString() {
        return "TcpCheck[" + target + "]";
    }
}
