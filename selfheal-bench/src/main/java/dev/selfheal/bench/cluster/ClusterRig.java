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

    /**
     * Where the PostgreSQL is and how nodes contend; {@code auxChecks} more checks of an endpoint
     * that stays up (the shared work spread over the nodes).
     */
    public record Settings(String pgUrl, String pgUser, int nodes, boolean fenced, Duration lease, Duration renew, Duration checkInterval,
                           int auxChecks) {
        public Settings(String pgUrl, String pgUser, int nodes, boolean fenced, Duration lease, Duration renew, Duration checkInterval) {
            this(pgUrl, pgUser, nodes, fenced, lease, renew, checkInterval, 0);
        }
    }

    /** The name of auxiliary check {@code i} (from 1). */
    public static String auxCheck(int i) {
        return "aux-" + i;
    }

    private final Settings settings;
    private final Path dir;
    private final String schema;
    private final WatchedService service;
    private final NotificationReceiver receiver;
    private final List<NodeProcess> nodes = new ArrayList<>();

    private ClusterRig(Settings settings, Path dir, String schema, WatchedService service) throws IOException {
        this.settings = settings;
        this.dir = dir;
        this.schema = schema;
        this.service = service;
        this.receiver = new NotificationReceiver(service::currentFault);
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

    /** Where every node sends its notifications. */
    public NotificationReceiver receiver() {
        return receiver;
    }

    /**
     * Drops every database connection of this rig's nodes ({@code pg_terminate_backend}), as a
     * failover of the database or a network cut would; the server itself stays up. Returns how
     * many were dropped.
     */
    public int dropConnections() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", settings.pgUser());
        properties.setProperty("connectTimeout", "5");
        try (Connection connection = DriverManager.getConnection(settings.pgUrl(), properties);
             java.sql.PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE ?")) {
            statement.setString(1, applicationPrefix() + "%");
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at %s: %s".formatted(settings.pgUrl(), e.getMessage()), e);
        }
    }

    /** The application name this rig's nodes connect with: how their connections are told from everyone else's. */
    private String applicationPrefix() {
        return "selfheal-" + schema;
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
        StringBuilder aux = new StringBuilder();
        for (int i = 1; i <= settings.auxChecks(); i++) {
            aux.append("  - { name: %s, type: http, group: aux, url: \"http://127.0.0.1:%d/ping?check=%s&node=%s\", interval: %dms, timeout: 2s }\n"
                    .formatted(auxCheck(i), port, auxCheck(i), id, settings.checkInterval().toMillis()));
        }
        Files.writeString(config, """
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "%s%scurrentSchema=%s&ApplicationName=%s-%s", user: %s }
                %schecks:
                  - { name: %s, type: http, group: web, url: "http://127.0.0.1:%d/health", interval: %dms, timeout: 2s, failure-threshold: 1, success-threshold: 1 }
                %salerting:
                  healing-grace: 0s
                  flap-threshold: 1000
                  receivers:
                    - { name: team, type: webhook, url: "%s" }
                  route: { receiver: team, group-by: [component, problem_type], group-wait: 0s, group-interval: 1s, repeat-interval: 4h }
                healing:
                  interval: 1s
                  verification: { window: 15s, poll: 100ms }
                  max-actions: { per-component: 1000, global: 10000, window: 1h }
                  degradation: { host-resources: false }
                  mapping: { component_unhealthy: [restart_service_hook] }
                  custom-actions:
                    - { name: restart_service_hook, type: http, url: "http://127.0.0.1:%d/restart", method: POST, timeout: 2s }
                """.formatted(settings.pgUrl(), separator, schema, applicationPrefix(), id, settings.pgUser(), cluster, COMPONENT, port,
                settings.checkInterval().toMillis(), aux, receiver.url(), port));
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
        receiver.close();
        try {
            execute(settings, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (RuntimeException ignored) {
            // a schema left behind is named selfheal_cluster_*; nothing else depends on it
        }
    }
}
