package dev.selfheal.server.daemon;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.health.checks.CommandCheck;
import dev.selfheal.health.checks.DiskCheck;
import dev.selfheal.health.checks.HttpCheck;
import dev.selfheal.health.checks.JdbcCheck;
import dev.selfheal.health.checks.JvmCheck;
import dev.selfheal.health.checks.ProcessCheck;
import dev.selfheal.health.checks.SystemCheck;
import dev.selfheal.health.checks.TcpCheck;
import dev.selfheal.server.config.CheckConfig;
import dev.selfheal.server.config.CheckSpec;
import dev.selfheal.server.config.Secret;

/**
 * Builds the built-in checks ({@code dev.selfheal.health.checks}) from their config. The
 * check's own timeout (request, connect, query, process) is the configured {@code timeout}, so
 * a slow target is reported by the check in its own words before the engine's timeout
 * interrupts it.
 */
public final class CheckFactory implements CheckBuilder {

    @Override
    public HealthCheck build(CheckConfig config) {
        return switch (config.spec()) {
            case CheckSpec.Http h -> new HttpCheck(new HttpCheck.Settings(h.url(), h.method(), h.headers(),
                    h.expectedStatusMin(), h.expectedStatusMax(), h.bodyContains(), h.degradedAfter(), config.timeout()));
            case CheckSpec.Tcp t -> new TcpCheck(new TcpCheck.Settings(t.host(), t.port(), config.timeout()));
            case CheckSpec.Jdbc j -> new JdbcCheck(new JdbcCheck.Settings(j.url(), j.user(), j.password().map(Secret::reveal),
                    j.query(), config.timeout()));
            case CheckSpec.Process p -> new ProcessCheck(new ProcessCheck.Settings(p.pidFile(), p.commandLine()));
            case CheckSpec.Command c -> new CommandCheck(new CommandCheck.Settings(c.command(), c.environment(),
                    c.workingDirectory(), c.degradedExitCodes(), config.timeout()));
            case CheckSpec.Jvm j -> new JvmCheck(new JvmCheck.Settings(j.heapUsedDegraded(), j.heapUsedUnhealthy(),
                    j.gcOverheadDegraded(), j.gcOverheadUnhealthy()));
            case CheckSpec.Disk d -> new DiskCheck(new DiskCheck.Settings(d.path(), d.freeRatioDegraded(), d.freeRatioUnhealthy()));
            case CheckSpec.SystemLoad s -> new SystemCheck(new SystemCheck.Settings(s.cpuLoadDegraded(), s.cpuLoadUnhealthy(),
                    s.memoryUsedDegraded(), s.memoryUsedUnhealthy()));
        };
    }
}
