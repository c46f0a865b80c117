package dev.selfheal.server.daemon;

import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.process.ProcessSpec;
import dev.selfheal.recovery.process.ProcessSupervisor;
import dev.selfheal.recovery.process.ServiceRestarter;
import dev.selfheal.recovery.process.SupervisedProcess;
import dev.selfheal.server.config.ConfigException;
import dev.selfheal.server.config.ConfigProblem;
import dev.selfheal.server.config.ServiceConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code services:} of the config as running child processes: started at daemon start,
 * each with its process check by pid, restartable by {@code restart_service}, stopped (SIGTERM,
 * grace, SIGKILL) when the daemon stops.
 *
 * <p>The daemon does not wait for the next scheduled check to notice a death: it watches each
 * pid and runs the service's check the moment the process exits, so detection is as fast as
 * the process table. A service with {@code check: false} and a check of its own name in
 * {@code checks:} is watched by that check, which also runs the moment the pid exits.
 * An exit caused by a restart is not reported (the restart is the one
 * acting, and the new pid is watched instead).
 */
final class SupervisedServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SupervisedServices.class);

    private final ProcessSupervisor supervisor = new ProcessSupervisor();
    private final Map<String, Restarter> restarters = new LinkedHashMap<>();
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    private volatile HealthCheckManager manager;
    private volatile boolean closed;

    /** Starts every service; when one cannot start, stops those started and throws with its place in the file. */
    static SupervisedServices start(List<ServiceConfig> services) {
        SupervisedServices started = new SupervisedServices();
        List<ConfigProblem> problems = new ArrayList<>();
        for (ServiceConfig s : services) {
            try {
                ProcessSpec spec = new ProcessSpec(s.command(), s.env(), s.workingDir(), s.stopGrace(), s.output());
                SupervisedProcess process = started.supervisor.supervise(s.name(), spec);
                started.restarters.put(s.name(), started.new Restarter(process));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(new ConfigProblem(s.location().path(), s.location().line(), s.location().column(),
                        "cannot start service '%s': %s".formatted(s.name(), e.getMessage())));
            }
        }
        if (!problems.isEmpty()) {
            started.close();
            throw new ConfigException("the config", problems);
        }
        return started;
    }

    /** Registers the process checks of the services that have one, and starts watching their pids. */
    void registerChecks(List<ServiceConfig> services, HealthCheckManager health) {
        this.manager = health;
        for (ServiceConfig s : services) {
            Restarter restarter = restarters.get(s.name());
            if (s.check().isPresent()) {
                ServiceConfig.ProcessCheck c = s.check().get();
                health.register(CheckDefinition.builder(s.name(), restarter.process.healthCheck()).group(c.group())
                        .interval(c.interval()).failureThreshold(c.failureThreshold()).successThreshold(c.successThreshold())
                        .build());
                watch(restarter.process);
            } else if (health.definition(s.name()).isPresent()) {
                // 'check: false' and a check of the service's name in 'checks:' (an HTTP probe, say): that check
                // watches the service, and runs at once when the pid exits, as the process check would.
                watch(restarter.process);
            }
        }
    }

    Map<String, ServiceRestarter> restarters() {
        return Map.copyOf(restarters);
    }

    Map<String, SupervisedProcess> processes() {
        Map<String, SupervisedProcess> all = new LinkedHashMap<>();
        restarters.forEach((name, r) -> all.put(name, r.process));
        return all;
    }

    private void watch(SupervisedProcess process) {
        process.pid().flatMap(ProcessHandle::of).ifPresent(handle -> handle.onExit().thenRun(() -> exited(process, handle.pid())));
    }

    private void exited(SupervisedProcess process, long pid) {
        HealthCheckManager health = manager;
        if (closed || health == null || restarting.contains(process.name())) {
            return;
        }
        log.warn("event=service_exited service={} pid={}", process.name(), pid);
        try {
            health.runNow(process.name());
        } catch (RuntimeException e) {
            log.warn("event=service_exit_check_failed service={} error=\"{}\"", process.name(), e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        supervisor.close();
    }

    /** Restarts the process and watches the new pid; the old pid's exit is not reported as a death. */
    private final class Restarter implements ServiceRestarter {
        private final SupervisedProcess process;

        Restarter(SupervisedProcess process) {
            this.process = process;
        }

        @Override
        public ActionResult restart() throws Exception {
            restarting.add(process.name());
            try {
                ActionResult result = process.restart();
                if (manager != null && manager.definition(process.name()).isPresent()) {
                    watch(process);
                }
                return result;
            } finally {
                restarting.remove(process.name());
            }
        }
    }
}
