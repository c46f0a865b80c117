package dev.selfheal.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A child process the daemon starts, supervises and may restart ({@code restart_service}).
 *
 * @param name       the service's name: its component name, its check's name and the target of {@code restart_service}
 * @param command    program and arguments (no shell)
 * @param env        extra environment (secret-named values are redacted when shown)
 * @param workingDir where it runs (default: the daemon's working directory)
 * @param stopGrace  how long a stop or restart waits after SIGTERM before SIGKILL (default 5s)
 * @param output     where its stdout and stderr are appended (default: discarded)
 * @param check      the implicit process check by pid, unless {@code check: false}
 * @param location   where it was defined, for errors found when it is started
 */
public record ServiceConfig(String name, List<String> command, Map<String, String> env, Optional<Path> workingDir,
                            Duration stopGrace, Optional<Path> output, Optional<ProcessCheck> check,
                            CheckConfig.Location location) {

    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    public ServiceConfig {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /**
     * The process check of a service: the pid is alive. A dead pid is not a flapping signal, so
     * one failure is enough by default; the daemon also runs the check the moment the process exits.
     *
     * @param group            the check's group (default {@code process}, which maps to {@code process_down})
     * @param interval         how often the pid is looked at (default 5s)
     * @param failureThreshold failures in a row before UNHEALTHY (default 1)
     * @param successThreshold passes in a row before HEALTHY again (default 1)
     */
    public record ProcessCheck(String group, Duration interval, int failureThreshold, int successThreshold) {
        public static final ProcessCheck DEFAULT = new ProcessCheck("process", Duration.ofSeconds(5), 1, 1);
    }
}
