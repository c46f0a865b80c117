package dev.selfheal.bench.heal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon config the healing bench runs: a real YAML file, written next to the data and
 * printed by {@code --print-config}, so that {@code ./selfheal run --config FILE} runs the same
 * thing by hand.
 *
 * <p>Each simulator is a {@code service} with {@code check: false}, watched by an HTTP check of
 * the service's name (the probe the baseline uses too): 250 ms interval, 1 s timeout, 2 failures
 * in a row to turn UNHEALTHY, 1 pass to be HEALTHY again. Since the check has the service's name,
 * the daemon also runs it the moment the pid exits, and {@code restart_service} restarts that
 * service. The group {@code simulators} is the problem {@code service_down}, mapped to
 * {@code restart_service} alone.
 */
final class HealConfig {

    private HealConfig() { }

    static String yaml(List<SimService> services, Path dataDir, long seed, List<String> jvmOptions) {
        StringBuilder out = new StringBuilder();
        out.append("""
                # selfheal bench heal: the daemon config the bench runs. Reproduce by hand:
                #   ./selfheal run --config %s
                # then, in another shell, inject a fault and watch the incident:
                #   ./selfheal simulator fault --port %d crash
                #   curl -s localhost:8080/api/incidents
                server:
                  port: "${SELFHEAL_PORT:-8080}"
                  bind: 127.0.0.1
                store:
                  url: "jdbc:sqlite:%s/selfheal.db"
                checks:
                """.formatted(dataDir.resolve("selfheal-bench-heal.yaml"), services.getFirst().port(), dataDir));
        for (SimService s : services) {
            out.append("""
                      - name: %s
                        type: http
                        group: simulators
                        url: "%s"
                        headers: { Authorization: "Bearer %s" }
                        expected-status: "200-299"
                        interval: 250ms
                        timeout: 1s
                        failure-threshold: 2
                        success-threshold: 1
                    """.formatted(s.name(), s.probe(), s.token()));
        }
        out.append("services:\n");
        for (SimService s : services) {
            List<String> argv = new ArrayList<>();
            argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            argv.addAll(jvmOptions);
            argv.add("-cp");
            argv.add(classPath());
            argv.add(s.api().mainClass());
            argv.addAll(List.of("--port", Integer.toString(s.port()), "--seed", Long.toString(seed), "--token", s.token()));
            out.append("""
                      - name: %s
                        command: [%s]
                        stop-grace: 2s
                        output: "%s"
                        check: false
                    """.formatted(s.name(), String.join(", ", argv.stream().map(HealConfig::quoted).toList()),
                    dataDir.resolve(s.name() + ".log")));
        }
        out.append("""
                healing:
                  interval: 10s
                  verification: { window: 30s, poll: 250ms }
                  # The bench faults each simulator many times within minutes: the remediation breaker
                  # (default 3 actions per component in 15 minutes) would rightly stop that; raised here.
                  max-actions: { per-component: 1000, global: 1000, window: 15m }
                  problems:
                    groups: { simulators: service_down }
                  mapping:
                    service_down: [restart_service]
                  actions:
                    restart_service: { timeout: 30s, delay-after: 0s }
                  degradation: { host-resources: false }
                """);
        return out.toString();
    }

    /**
     * The class path the simulators run with: this JVM's, exactly as {@code SimulatorProcess} passes
     * it to the baseline's simulators, so both sides run the same command line (and can share one
     * class-data archive, which needs the very same class path).
     */
    static String classPath() {
        return System.getProperty("java.class.path");
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
