package dev.selfheal.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;

/** Reads the {@code services:} list: child processes the daemon starts and supervises. */
final class ServicesReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private ServicesReader() { }

    /**
     * The services; a service whose name is also a check's name is a problem (the component
     * would have two checks under one name), unless the service has {@code check: false}: then
     * that check watches the service (e.g. an HTTP liveness probe), its failures are the service's
     * component turning UNHEALTHY, and {@code restart_service} restarts the service.
     */
    static List<ServiceConfig> read(MappingReader top, ParseContext ctx, List<CheckConfig> checks) {
        List<ServiceConfig> services = new ArrayList<>();
        Map<String, CheckConfig.Location> seen = new HashMap<>();
        checks.forEach(c -> seen.put(c.name(), c.location()));
        Set<String> checkNames = new HashSet<>(seen.keySet());
        Set<String> serviceNames = new HashSet<>();
        for (MappingReader m : top.mappings("services")) {
            Optional<String> name = m.requiredText("name");
            name.filter(n -> !NAME.matcher(n).matches()).ifPresent(n -> m.problem("name",
                    "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit, got '%s'".formatted(n)));
            CheckConfig.Location location = new CheckConfig.Location(m.path(), m.line(), m.column());
            boolean hasCommand = m.has("command");
            List<String> command = m.textList("command");
            if (!hasCommand) {
                m.missing("command");
            } else if (command.isEmpty() || command.getFirst().isBlank()) {
                m.problem("command", "must name the program to run, e.g. [\"java\", \"-jar\", \"worker.jar\"]");
            }
            Map<String, String> env = m.textMap("env");
            Optional<Path> workingDir = m.path("working-dir");
            Duration grace = m.duration("stop-grace", ServiceConfig.DEFAULT_STOP_GRACE, Duration.ZERO);
            Optional<Path> output = m.path("output");
            Optional<ServiceConfig.ProcessCheck> check = check(m);
            name.ifPresent(n -> {
                CheckConfig.Location first = seen.putIfAbsent(n, location);
                if (first != null && (check.isPresent() || !checkNames.contains(n) || !serviceNames.add(n))) {
                    m.problem("name", ("duplicate name '%s': a service's name is also its component and check name, first defined at %s"
                            + (check.isPresent() && checkNames.contains(n)
                                    ? " (to watch a service with that check instead of its process check, set 'check: false')" : ""))
                            .formatted(n, first));
                } else {
                    serviceNames.add(n);
                }
            });
            m.rejectUnknownKeys();
            if (name.isPresent() && !command.isEmpty() && !command.getFirst().isBlank()) {
                services.add(new ServiceConfig(name.get(), command, env, workingDir, grace, output, check, location));
            }
        }
        return services;
    }

    /** {@code check: false}, {@code check: true}, or a mapping of the check's settings. */
    private static Optional<ServiceConfig.ProcessCheck> check(MappingReader m) {
        Optional<Node> node = m.node("check");
        if (node.isEmpty()) {
            return Optional.of(ServiceConfig.ProcessCheck.DEFAULT);
        }
        if (node.get().getNodeId() == NodeId.scalar) {
            return m.bool("check", true) ? Optional.of(ServiceConfig.ProcessCheck.DEFAULT) : Optional.empty();
        }
        MappingReader c = m.section("check");
        ServiceConfig.ProcessCheck d = ServiceConfig.ProcessCheck.DEFAULT;
        String group = c.text("group", d.group());
        if (!NAME.matcher(group).matches()) {
            c.problem("group", "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit, got '%s'".formatted(group));
        }
        Duration interval = c.duration("interval", d.interval(), Duration.ofMillis(10));
        int failures = c.integer("failure-threshold", d.failureThreshold(), 1, 1_000);
        int successes = c.integer("success-threshold", d.successThreshold(), 1, 1_000);
        c.rejectUnknownKeys();
        return Optional.of(new ServiceConfig.ProcessCheck(group, interval, failures, successes));
    }
}
