package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.health.history.StatusTransition;
import dev.selfheal.resilience.OutboxEntry;
import dev.selfheal.status.HealthStatus;
import dev.selfheal.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database migrated by the per-dialect V1–V4 files that came before the one placeholder set
 * (kept under {@code src/test/resources/db/legacy-migration}) opens with the current code, keeps
 * its rows, and ends up with the schema a new database gets; a checksum nobody knows is still
 * refused, also on a schema that is current (which otherwise opens without Flyway). On a real
 * SQLite file and on the real PostgreSQL server.
 */
class MigrationUpgradeTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    /** One database of a dialect, migrated by whichever files a test chooses. */
    interface Target {
        String url();

        String user();
    }

    abstract static class Upgrade {

        abstract Database.Dialect dialect();

        abstract Target newTarget();

        /** Columns and indexes of every table selfheal made, in a form both migrations must agree on. */
        abstract List<String> schema(Jdbi jdbi, Target target);

        @Test
        void aDatabaseMigratedByTheOldFilesOpensAndKeepsItsRows() {
            // Given a database migrated by the old per-dialect files, with rows in it
            Target old = newTarget();
            Flyway legacy = legacyFlyway(old);
            legacy.migrate();
            Jdbi raw = jdbi(old);
            raw.useHandle(h -> {
                h.execute("INSERT INTO status_transitions (component, grp, from_status, to_status, ts, reason) "
                        + "VALUES ('orders-db', 'database', 'HEALTHY', 'UNHEALTHY', ?, '3 consecutive failures')", T0.toEpochMilli());
                h.execute("INSERT INTO outbox (integration, operation, idempotency_key, payload, parked_at_ms) "
                        + "VALUES ('slack', 'post', 'k-1', '{}', ?)", T0.toEpochMilli());
            });

            // When the current code opens it
            try (Database db = Database.open(old.url(), old.user(), null)) {

                // Then the rows are there and the stores go on writing
                assertThat(new JdbcHealthHistoryStore(db).latestTransitions()).containsEntry("orders-db",
                        new StatusTransition("orders-db", "database", HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, T0,
                                "3 consecutive failures"));
                JdbcOutboxStore outbox = new JdbcOutboxStore(db);
                outbox.park("slack", "post", "k-2", "{}", T0.plusSeconds(1));
                assertThat(outbox.pending("slack", 10)).extracting(OutboxEntry::idempotencyKey).containsExactly("k-1", "k-2");

                // and Flyway's history now carries the current files' checksums
                for (MigrationInfo m : Database.flyway(db.dataSource(), dialect()).info().applied()) {
                    assertThat(m.isChecksumMatching()).as("checksum of V%s", m.getVersion()).isTrue();
                }
            }
        }

        @Test
        void theOldFilesAndTheNewOnesBuildTheSameSchema() {
            Target old = newTarget();
            legacyFlyway(old).migrate();
            // The new set only as far as the old files went: later migrations (V5 on) add or alter tables of their own.
            Target fresh = newTarget();
            Database.migrations(dialect()).dataSource(fresh.url(), fresh.user(), null).target("4").load().migrate();

            List<String> before = schema(jdbi(old), old);
            List<String> after = schema(jdbi(fresh), fresh);

            assertThat(after).isNotEmpty().containsExactlyElementsOf(before);
        }

        @Test
        void aChecksumNobodyKnowsIsStillRefused() {
            // Given a database whose V2 was changed by hand after it was applied
            Target old = newTarget();
            legacyFlyway(old).migrate();
            jdbi(old).useHandle(h ->
                    h.execute("UPDATE flyway_schema_history SET checksum = 42 WHERE version = '2'"));

            // When the current code opens it, Then Flyway's validation refuses, naming the migration
            assertThatThrownBy(() -> Database.open(old.url(), old.user(), null).close())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("store.url")
                    .hasMessageContaining("checksum mismatch for migration version 2");
        }

        @Test
        void aCurrentSchemaIsToldWithoutFlywayAndOneChangedByHandStillGoesToFlyway() {
            Target target = newTarget();
            try (Database db = Database.open(target.url(), target.user(), null)) {
                assertThat(CurrentSchema.isCurrent(db.dataSource(), dialect())).isTrue();

                db.jdbi().useHandle(h -> h.execute("UPDATE flyway_schema_history SET checksum = 42 WHERE version = '10'"));

                assertThat(CurrentSchema.isCurrent(db.dataSource(), dialect())).isFalse();
            }
            assertThatThrownBy(() -> Database.open(target.url(), target.user(), null).close())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("checksum mismatch for migration version 10");
        }

        private static Jdbi jdbi(Target target) {
            return target.user() == null ? Jdbi.create(target.url()) : Jdbi.create(target.url(), target.user(), "");
        }

        private Flyway legacyFlyway(Target target) {
            return Flyway.configure()
                    .dataSource(target.url(), target.user(), null)
                    .locations("classpath:db/legacy-migration/" + (dialect() == Database.Dialect.SQLITE ? "sqlite" : "postgresql"))
                    .load();
        }
    }

    @Nested
    class OnSqlite extends Upgrade {

        @TempDir
        Path dir;

        private int files;

        @Override
        Database.Dialect dialect() {
            return Database.Dialect.SQLITE;
        }

        @Override
        Target newTarget() {
            String url = "jdbc:sqlite:" + dir.resolve("selfheal-" + files++ + ".db");
            return new Target() {
                @Override
                public String url() {
                    return url;
                }

                @Override
                public String user() {
                    return null;
                }
            };
        }

        @Override
        List<String> schema(Jdbi jdbi, Target target) {
            return jdbi.withHandle(h -> {
                List<String> out = new ArrayList<>();
                List<String> tables = h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                        + "AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history' ORDER BY name").mapTo(String.class).list();
                for (String table : tables) {
                    String sql = h.createQuery("SELECT sql FROM sqlite_master WHERE name = :t").bind("t", table).mapTo(String.class).one();
                    out.add(table + " autoincrement=" + sql.toUpperCase().contains("AUTOINCREMENT"));
                    h.createQuery("PRAGMA table_info(" + table + ")").mapToMap().forEach(c -> out.add(table + "." + c.get("name")
                            + " " + c.get("type") + " notnull=" + c.get("notnull") + " default=" + c.get("dflt_value") + " pk=" + c.get("pk")));
                    for (var index : h.createQuery("PRAGMA index_list(" + table + ")").mapToMap().list()) {
                        List<String> columns = h.createQuery("PRAGMA index_info(" + index.get("name") + ")").mapToMap()
                                .map(c -> String.valueOf(c.get("name"))).list();
                        out.add(table + " index " + index.get("name") + " unique=" + index.get("unique") + " partial=" + index.get("partial")
                                + " " + columns);
                    }
                }
                out.sort(null);
                return out;
            });
        }
    }

    @Nested
    class OnPostgres extends Upgrade {

        private final List<PostgresTestDatabase.Schema> schemas = new ArrayList<>();

        @Override
        Database.Dialect dialect() {
            return Database.Dialect.POSTGRESQL;
        }

        @Override
        Target newTarget() {
            PostgresTestDatabase.Schema schema = PostgresTestDatabase.freshSchema();
            schemas.add(schema);
            return new Target() {
                @Override
                public String url() {
                    return schema.url();
                }

                @Override
                public String user() {
                    return schema.user();
                }

                @Override
                public String toString() {
                    return schema.name();
                }
            };
        }

        @Override
        List<String> schema(Jdbi jdbi, Target target) {
            Supplier<String> name = target::toString;
            return jdbi.withHandle(h -> {
                List<String> out = new ArrayList<>(h.createQuery("""
                                SELECT table_name || '.' || column_name || ' ' || data_type || ' nullable=' || is_nullable
                                       || ' generated=' || (is_identity = 'YES' OR coalesce(column_default, '') LIKE 'nextval(%')
                                       || ' default=' || CASE WHEN coalesce(column_default, '') LIKE 'nextval(%' THEN ''
                                                              ELSE coalesce(column_default, '') END
                                FROM information_schema.columns
                                WHERE table_schema = :schema AND table_name <> 'flyway_schema_history'""")
                        .bind("schema", name.get()).mapTo(String.class).list());
                h.createQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = :schema AND tablename <> 'flyway_schema_history'")
                        .bind("schema", name.get()).mapTo(String.class)
                        .forEach(def -> out.add(def.replace(name.get() + ".", "")));
                out.sort(null);
                return out;
            });
        }

        @org.junit.jupiter.api.AfterEach
        void dropSchemas() {
            schemas.forEach(PostgresTestDatabase.Schema::close);
            schemas.clear();
        }
    }
}
