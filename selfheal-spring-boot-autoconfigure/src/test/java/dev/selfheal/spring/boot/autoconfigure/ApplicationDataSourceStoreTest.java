package dev.selfheal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code selfheal.store.use-application-datasource} on the real PostgreSQL: selfheal's tables in their own schema. */
class ApplicationDataSourceStoreTest {

    private static PostgresTestDatabase.Schema application;
    private static String selfhealSchema;

    @BeforeAll
    static void schema() {
        application = PostgresTestDatabase.freshSchema();
        selfhealSchema = "selfheal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    }

    @AfterAll
    static void drop() throws Exception {
        try (HikariDataSource admin = pool(PostgresTestDatabase.URL); Connection c = admin.getConnection()) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + selfhealSchema + " CASCADE");
        }
        application.close();
    }

    @Test
    void theStoreLivesInItsOwnSchemaOfTheApplicationsDatabaseAndLeavesTheApplicationsSchemaAlone() throws Exception {
        try (HikariDataSource app = pool(application.url())) {
            try (Connection c = app.getConnection()) {
                c.createStatement().execute("CREATE TABLE orders (id INT)");
            }
            var properties = new SelfHealProperties.Store("jdbc:sqlite:unused.db", null, null, true, selfhealSchema);
            try (Database store = SelfHealStore.open(properties, app)) {
                assertThat(store.dialect()).isEqualTo(Database.Dialect.POSTGRESQL);
            }
            assertThat(tables(app, selfhealSchema)).contains("incidents", "flyway_schema_history");
            assertThat(tables(app, application.name())).containsExactly("orders");
            // Opening again migrates nothing and loses nothing.
            var again = new SelfHealProperties.Store("jdbc:sqlite:unused.db", null, null, true, selfhealSchema);
            try (Database store = SelfHealStore.open(again, app)) {
                assertThat(tables(app, selfhealSchema)).contains("incidents");
            }
        }
    }

    @Test
    void inTheApplicationsSqliteDatabaseTheStoreIsAFileOfItsOwnBesideIt(@TempDir Path dir) throws Exception {
        HikariDataSource app = new HikariDataSource();
        app.setJdbcUrl("jdbc:sqlite:" + dir.resolve("orders.db"));
        try (app) {
            try (Connection c = app.getConnection()) {
                c.createStatement().execute("CREATE TABLE flyway_schema_history (id INT)");
            }
            var properties = new SelfHealProperties.Store("jdbc:sqlite:unused.db", null, null, true, "selfheal");
            try (Database store = SelfHealStore.open(properties, app)) {
                assertThat(store.dialect()).isEqualTo(Database.Dialect.SQLITE);
                try (Connection c = store.dataSource().getConnection()) {
                    assertThat(c.getMetaData().getURL()).endsWith("orders-selfheal.db");
                }
            }
            assertThat(tables(app, null)).as("the application's own file is left alone").containsExactly("flyway_schema_history");
        }
        assertThat(dir.resolve("orders-selfheal.db")).exists();
        HikariDataSource memory = new HikariDataSource();
        memory.setJdbcUrl("jdbc:sqlite::memory:");
        var shared = new SelfHealProperties.Store("jdbc:sqlite:unused.db", null, null, true, "selfheal");
        assertThatThrownBy(() -> new StoreOpener(shared, memory)).as("told at start-up, without connecting")
                .hasMessageContaining("selfheal.store.url");
        HikariDataSource mysql = new HikariDataSource();
        mysql.setJdbcUrl("jdbc:mysql://localhost/orders");
        assertThatThrownBy(() -> new StoreOpener(shared, mysql)).hasMessageContaining("jdbc:mysql:");
    }

    @Test
    void withoutAnApplicationDataSourceTheErrorNamesTheProperty() {
        var properties = new SelfHealProperties.Store("jdbc:sqlite:unused.db", null, null, true, "selfheal");
        assertThatThrownBy(() -> SelfHealStore.open(properties, null))
                .hasMessageContaining("selfheal.store.use-application-datasource");
    }

    @Test
    void theSchemaReplacesAnyTheApplicationsUrlSets() {
        assertThat(SelfHealStore.inSchema("jdbc:postgresql://h/db", "sh")).isEqualTo("jdbc:postgresql://h/db?currentSchema=sh");
        assertThat(SelfHealStore.inSchema("jdbc:postgresql://h/db?currentSchema=app&ssl=true", "sh"))
                .isEqualTo("jdbc:postgresql://h/db?ssl=true&currentSchema=sh");
        assertThatThrownBy(() -> new SelfHealProperties.Store("u", null, null, true, "bad;drop"))
                .hasMessageContaining("selfheal.store.schema");
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(PostgresTestDatabase.USER);
        ds.setMaximumPoolSize(2);
        return ds;
    }

    private static List<String> tables(HikariDataSource ds, String schema) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
