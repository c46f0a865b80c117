package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.health.history.HealthHistoryStore;
import dev.selfheal.health.history.HealthHistoryStoreContract;
import dev.selfheal.testing.PostgresTestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against the real PostgreSQL server, in a schema of its own. */
class PostgresHealthHistoryStoreTest extends HealthHistoryStoreContract {

    private static PostgresTestDatabase.Schema schema;
    private static Database db;

    @BeforeAll
    static void openDatabase() {
        schema = PostgresTestDatabase.freshSchema();
        db = Database.open(schema.url(), schema.user(), null);
    }

    @AfterAll
    static void dropSchema() {
        if (db != null) {
            db.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    protected HealthHistoryStore newStore() {
        db.jdbi().useHandle(handle -> handle.execute("TRUNCATE check_results, status_transitions"));
        return new JdbcHealthHistoryStore(db);
    }

    @AfterEach
    void noOtherSchemaWasTouched() {
        String current = db.jdbi().withHandle(handle -> handle.createQuery("SELECT current_schema()").mapTo(String.class).one());
        assertThat(current).isEqualTo(schema.name());
    }

    @Test
    void theMigrationCreatedEveryTableOfVersionOne() {
        List<String> tables = db.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = :schema")
                .bind("schema", schema.name())
                .mapTo(String.class)
                .list());

        assertThat(tables).contains("check_results", "status_transitions", "flyway_schema_history");
        assertThat(db.dialect()).isEqualTo(Database.Dialect.POSTGRESQL);
    }

    @Test
    void latestTransitionsWalksTheComponentIndexInsteadOfReadingEveryRow() {
        // Given many transitions over a few components, and fresh planner statistics
        db.jdbi().useHandle(handle -> {
            handle.execute("""
                    INSERT INTO status_transitions (component, grp, from_status, to_status, ts, reason)
                    SELECT 'check-' || (n % 50), 'system', 'HEALTHY', 'UNHEALTHY', n, 'generated'
                    FROM generate_series(1, 50000) AS n""");
            handle.execute("ANALYZE status_transitions");
        });

        // When the planner plans the latest-transitions query
        List<String> planLines = db.jdbi().withHandle(handle -> handle.createQuery(
                        "EXPLAIN " + JdbcHealthHistoryStore.LATEST_TRANSITIONS)
                .mapTo(String.class)
                .list());
        String plan = String.join("\n", planLines);

        // Then it uses the (component, ts, id) index and never reads the table from end to end
        assertThat(plan).contains("status_transitions_component_ts").doesNotContain("Seq Scan on status_transitions");
        assertThat(new JdbcHealthHistoryStore(db).latestTransitions()).hasSize(50)
                .allSatisfy((component, t) -> assertThat(t.at().toEpochMilli()).isGreaterThan(50_000 - 50));
    }
}
