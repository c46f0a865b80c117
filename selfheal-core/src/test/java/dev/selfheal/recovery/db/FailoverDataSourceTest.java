package dev.selfheal.recovery.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.actions.FailoverDatabaseAction;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class FailoverDataSourceTest {

    /** A data source whose connections say which database they came from. */
    private record Named(String name) implements DataSource {
        @Override public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> method.getName().equals("getCatalog") ? name : null);
        }
        @Override public Connection getConnection(String u, String p) { return getConnection(); }
        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() { return Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> iface) { throw new UnsupportedOperationException(); }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }

    @Test
    void failover_database_switches_new_connections_to_the_replica() throws Exception {
        FailoverDataSource routing = new FailoverDataSource("orders", new Named("primary"), new Named("replica"));
        assertThat(routing.getConnection().getCatalog()).isEqualTo("primary");

        var result = new FailoverDatabaseAction().register("orders-db", routing).execute(ActionContext.manual("orders-db", Instant.now()));

        assertThat(result.message()).isEqualTo("switched orders-db to its replica");
        assertThat(routing.getConnection().getCatalog()).isEqualTo("replica");
        assertThat(routing.failover("again")).isFalse();
        assertThat(routing.failback("primary back")).isTrue();
        assertThat(routing.getConnection().getCatalog()).isEqualTo("primary");
    }
}
