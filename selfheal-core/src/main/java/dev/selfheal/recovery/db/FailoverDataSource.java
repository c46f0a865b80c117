package dev.selfheal.recovery.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * A routing {@link DataSource}: new connections come from the primary until
 * {@link #failover} switches them to the replica ({@code failover_database} does), and from the
 * primary again after {@link #failback}. Connections already handed out are not touched; pair
 * it with {@code clear_dead_connections} on the pool above it when they must go.
 */
public final class FailoverDataSource implements DataSource {

    public enum Target { PRIMARY, REPLICA }

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(FailoverDataSource.class);

    private final String name;
    private final DataSource primary;
    private final DataSource replica;
    private final AtomicReference<Target> active = new AtomicReference<>(Target.PRIMARY);

    public FailoverDataSource(String name, DataSource primary, DataSource replica) {
        this.name = name;
        this.primary = java.util.Objects.requireNonNull(primary, "primary");
        this.replica = java.util.Objects.requireNonNull(replica, "replica");
    }

    public Target active() {
        return active.get();
    }

    /** Switches to the replica; false when already there. */
    public boolean failover(String reason) {
        boolean switched = active.compareAndSet(Target.PRIMARY, Target.REPLICA);
        if (switched) {
            log.warn("event=datasource_failover datasource={} to=replica reason=\"{}\"", name, reason);
        }
        return switched;
    }

    /** Switches back to the primary; false when already there. */
    public boolean failback(String reason) {
        boolean switched = active.compareAndSet(Target.REPLICA, Target.PRIMARY);
        if (switched) {
            log.info("event=datasource_failback datasource={} to=primary reason=\"{}\"", name, reason);
        }
        return switched;
    }

    private DataSource current() {
        return active.get() == Target.PRIMARY ? primary : replica;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return current().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return current().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        primary.setLogWriter(out);
        replica.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        primary.setLoginTimeout(seconds);
        replica.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return current().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return current().getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return current().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || current().isWrapperFor(iface);
    }
}
