package dev.selfheal.recovery.process;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.process.ChildProcesses;
import dev.selfheal.process.ProcessTree;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.status.HealthCheckResult;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One child process under supervision: started from its {@link ProcessSpec}, known by pid,
 * restartable (SIGTERM, grace, SIGKILL, start again). It does not restart itself: deciding
 * when to restart is the recovery engine's job, with its limits and its journal.
 */
public final class SupervisedProcess implements ServiceRestarter {

    /** How long a process stopped by SIGKILL may take to be reaped. */
    private static final java.time.Duration STOPPED_BY_NOW = java.time.Duration.ofSeconds(10);

    private final String name;
    private final ProcessSpec spec;
    private final AtomicInteger starts = new AtomicInteger();
    private volatile Process process;

    SupervisedProcess(String name, ProcessSpec spec) {
        this.name = name;
        this.spec = spec;
    }

    public String name() {
        return name;
    }

    public ProcessSpec spec() {
        return spec;
    }

    /** Starts the process if it is not running. */
    public synchronized long start() throws IOException {
        Process current = process;
        if (current != null && current.isAlive()) {
            return current.pid();
        }
        ProcessBuilder builder = new ProcessBuilder(spec.argv());
        builder.environment().putAll(spec.environment());
        spec.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        builder.redirectErrorStream(true);
        builder.redirectOutput(spec.output().map(p -> ProcessBuilder.Redirect.appendTo(p.toFile()))
                .orElse(ProcessBuilder.Redirect.DISCARD));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            process = ChildProcesses.start(builder, "service " + name);
        } catch (IOException e) {
            throw new IOException("cannot start process '%s' (%s): %s".formatted(name, spec.argv().getFirst(), e.getMessage()), e);
        }
        starts.incrementAndGet();
        return process.pid();
    }

    /** The pid of the current process, if one was started. */
    public Optional<Long> pid() {
        Process current = process;
        return current == null ? Optional.empty() : Optional.of(current.pid());
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** How many times it was started (1 after the first start). */
    public int starts() {
        return starts.get();
    }

    /** Stops the process tree: SIGTERM, up to the grace time, then SIGKILL. */
    public synchronized void stop() throws InterruptedException {
        Process current = process;
        if (current != null) {
            ProcessTree.end(current.toHandle(), spec.grace());
        }
    }

    @Override
    public synchronized ActionResult restart() throws IOException, InterruptedException {
        String oldPid = pid().map(String::valueOf).orElse("none");
        boolean wasAlive = isAlive();
        boolean graceful = true;
        Process current = process;
        if (current != null && current.isAlive()) {
            graceful = ProcessTree.end(current.toHandle(), spec.grace());
            // The handle's exit can be seen a moment before the Process itself records it; until then
            // current.isAlive() is still true and start() would keep the dead process instead of starting
            // a new one ("pid 2639 -> 2639", and the service stays down). Wait for the Process to know.
            if (!current.waitFor(STOPPED_BY_NOW.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return ActionResult.failed("could not restart %s: pid %s is still running after SIGTERM and SIGKILL"
                        .formatted(name, oldPid), Map.of("old_pid", oldPid));
            }
        }
        long newPid = start();
        return ActionResult.ok("restarted %s: pid %s -> %d".formatted(name, oldPid, newPid), Map.of(
                "old_pid", oldPid, "new_pid", Long.toString(newPid), "was_alive", Boolean.toString(wasAlive),
                "stopped", wasAlive ? (graceful ? "sigterm" : "sigkill") : "was_dead"));
    }

    /** A health check by pid: HEALTHY while the current process lives. */
    public HealthCheck healthCheck() {
        return () -> {
            Process current = process;
            if (current == null) {
                return HealthCheckResult.unhealthy("process '%s' was never started".formatted(name));
            }
            boolean alive = ProcessHandle.of(current.pid()).map(ProcessHandle::isAlive).orElse(false);
            return alive
                    ? HealthCheckResult.healthy("pid %d alive".formatted(current.pid())).withDetails(Map.of("pid", current.pid()))
                    : HealthCheckResult.unhealthy("pid %d is not running (exit %s)".formatted(current.pid(),
                            current.isAlive() ? "?" : Integer.toString(current.exitValue()))).withDetails(Map.of("pid", current.pid()));
        };
    }
}
