package dev.selfheal.bench.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A few nodes on a fresh schema of one PostgreSQL, watching one {@link WatchedService} whose
 * failure they heal with an HTTP restart hook. {@code fenced} nodes form a cluster
 * ({@code cluster:} in their config); the others are the same daemons sharing the database
 * without coordination, as before clusters existed.
 */
public final class ClusterRig implements AutoCloseable {

    /** The component the nodes check. */
    public static final String COMPONENT = "service";
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);

    /** Where the PostgreSQL is and how nodes contend. */
    public record Settings(String pgUrl, String pgUser, int nodes, boolean fenced, Duration lease, Duration renew, Duration checkInterval) { }

    private final Settings settings;
    private final Path dir;
    private final String schema;
    private final WatchedService service;
    private final List<NodeProcess> nodes = new ArrayList<>();

    private ClusterRig(Settings settings, Path dir, String schema, WatchedService service) {
        this.settings = settings;
        this.dir = dir;
        this.schema = schema;
        this.service = service;
    }

    /** Creates the schema and the service, starts every node, and returns once they all listen. */
    public static ClusterRig start(Settings settings, Path dir) throws IOException {
        String schema = "selfheal_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        execute(settings, "CREATE SCHEMA " + schema);
        ClusterRig rig = new ClusterRig(settings, dir, schema, new WatchedService());
        try {
            for (int i = 1; i <= settings.nodes(); i++) {
                rig.nodes.add(rig.startNode("node-" + i));
            }
            return rig;
        } catch (IOException | RuntimeException e) {
            rig.close();
            throw e;
        }
    }

    public WatchedService service() {
        return service;
    }

    public List<NodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** The live node that says it leads, if exactly one does. */
    public Optional<NodeProcess> leader() {
        List<NodeProcess> leading = nodes.stream().filter(NodeProcess::isAlive).filter(NodeProcess::leading).toList();
        return leading.size() == 1 ? Optional.of(leading.getFirst()) : Optional.empty();
    }

    /** Replaces a killed node by a new process with the same node id. */
    public NodeProcess restart(NodeProcess dead) throws IOException {
        NodeProcess fresh = startNode(dead.id());
        nodes.set(nodes.indexOf(dead), fresh);
        return fresh;
    }

    /**
     * Waits until the service is up, has not been restarted for a while, every live node sees it
     * HEALTHY and no incident of it is unresolved: the next fault opens a new incident.
     */
    public boolean awaitQuiet(Duration patience) {
        return waitFor(patience, () -> service.isUp()
                && service.nanosSinceLastRestart() > Duration.ofSeconds(1).toNanos()
                && nodes.stream().filter(NodeProcess::isAlive).allMatch(n -> n.statusOf(COMPONENT).orElse("").equals("HEALTHY"))
                && nodes.stream().filter(NodeProcess::isAlive).findFirst()
                        .flatMap(n -> n.unresolvedIncidents(COMPONENT)).map(List::isEmpty).orElse(false));
    }

    /** Polls {@code condition} every 20 ms; false when {@code patience} ran out first. */
    public static boolean waitFor(Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    private NodeProcess startNode(String id) throws IOException {
        Path config = dir.resolve(id + ".yaml");
        String separator = settings.pgUrl().contains("?") ? "&" : "?";
        String cluster = settings.fenced()
                ? "cluster: { node-id: %s, lease: %dms, renew: %dms }\n".formatted(id, settings.lease().toMillis(), settings.renew().toMillis())
                : "";
        int port = service.port();
        Files.writeString(config, """
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "%s%scurrentSchema=%s", user: %s }
                %schecks:
                  - { name: %s, type: http, group: web, url: "http://127.0.0.1:%d/health", interval: %dms, timeout: 2s, failure-threshold: 1, success-threshold: 1 }
                healing:
                  interval: 1s
                  verification: { window: 15s, poll: 100ms }
                  max-actions: { per-component: 1000, global: 10000, window: 1h }
                  degradation: { host-resources: false }
                  mapping: { component_unhealthy: [restart_service_hook] }
                  custom-actions:
                    - { name: restart_service_hook, type: http, url: "http://127.0.0.1:%d/restart", method: POST, timeout: 2s }
                """.formatted(settings.pgUrl(), separator, schema, settings.pgUser(), cluster, COMPONENT, port,
                settings.checkInterval().toMillis(), port));
        return NodeProcess.start(id, config, dir.resolve(id + ".log"), START_PATIENCE);
    }

    private static void execute(Settings settings, String sql) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", settings.pgUser());
        properties.setProperty("connectTimeout", "5");
        try (Connection connection = DriverManager.getConnection(settings.pgUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at %s: %s".formatted(settings.pgUrl(), e.getMessage()), e);
        }
    }

    /** Stops every node (SIGTERM), the service, and drops the schema. */
    @Override
    public void close() {
        nodes.parallelStream().forEach(NodeProcess::close);
        service.close();
        try {
            execute(settings, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (RuntimeException ignored) {
            // a schema left behind is named selfheal_cluster_*; nothing else depends on it
        }
    }
}
