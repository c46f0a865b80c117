package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a store whose schema is current skips Flyway; anything else still goes through it. */
class CurrentSchemaTest {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("selfheal.db");
    }

    @Test
    void theBundledMigrationsAreWhatFlywayResolvesWithItsChecksums() {
        List<CurrentSchema.Migration> bundled = CurrentSchema.bundled(Database.class.getClassLoader(),
                CurrentSchema.locations(Database.Dialect.SQLITE)).orElseThrow();

        Flyway flyway = Database.migrations(Database.Dialect.SQLITE).dataSource(url(), null, null).load();
        List<CurrentSchema.Migration> resolved = java.util.Arrays.stream(flyway.info().all())
                .map(m -> new CurrentSchema.Migration(CurrentSchema.normalised(m.getVersion().getVersion()), m.getDescription(),
                        m.getResolvedChecksum()))
                .toList();

        assertThat(resolved).hasSizeGreaterThanOrEqualTo(9);
        assertThat(bundled).containsExactlyInAnyOrderElementsOf(resolved);
    }

    @Test
    void aNewFileIsMigratedAndIsCurrentAfter() {
        try (Database db = Database.open(url())) {
            assertThat(CurrentSchema.isCurrent(db.dataSource(), Database.Dialect.SQLITE)).isTrue();
        }
        try (Database db = Database.open(url())) {
            int incidents = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM incidents").mapTo(Integer.class).one());
            assertThat(incidents).isZero();
        }
    }

    @Test
    void aSchemaBehindIsNotCurrentAndOpeningMigratesTheRest() {
        Flyway flyway = Database.migrations(Database.Dialect.SQLITE).dataSource(url(), null, null).load();
        MigrationInfo[] all = flyway.info().all();
        String secondNewest = java.util.Arrays.stream(all).map(m -> m.getVersion())
                .sorted(Comparator.reverseOrder()).skip(1).findFirst().orElseThrow().getVersion();
        Database.migrations(Database.Dialect.SQLITE).dataSource(url(), null, null).target(secondNewest).load().migrate();
        try (Database db = Database.open(url())) {
            // opening migrated the newest one: the history now has every bundled version
            int applied = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success")
                    .mapTo(Integer.class).one());
            assertThat(applied).isEqualTo(all.length);
            assertThat(CurrentSchema.isCurrent(db.dataSource(), Database.Dialect.SQLITE)).isTrue();
        }
    }

    @Test
    void anAppliedMigrationChangedByHandIsNotCurrentAndFlywayStillRefusesIt() {
        Database.open(url()).close();
        Jdbi.create(url()).useHandle(h -> h.execute("UPDATE flyway_schema_history SET checksum = 42 WHERE version = '10'"));

        assertThatThrownBy(() -> Database.open(url()).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checksum mismatch for migration version 10");
    }

    @Test
    void aFailedMigrationInTheHistoryIsNotCurrent() {
        try (Database db = Database.open(url())) {
            db.jdbi().useHandle(h -> h.execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '2'"));

            assertThat(CurrentSchema.isCurrent(db.dataSource(), Database.Dialect.SQLITE)).isFalse();
        }
    }

    @Test
    void migrationsAreReadFromAJarAndAnotherKindOfScriptLeavesItToFlyway() throws IOException {
        Path jar = jar("plain.jar", Map.of("db/migration/common/V1__first.sql", "CREATE TABLE a (x TEXT);\n",
                "db/migration/common/nested/V1_1__second_one.sql", "\uFEFFSELECT 1;\r\nSELECT 2;",
                "db/migration/common/notes.txt", "not a migration"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(CurrentSchema.bundled(loader, List.of("db/migration/common")).orElseThrow()).containsExactlyInAnyOrder(
                    new CurrentSchema.Migration("1", "first", checksumOf("CREATE TABLE a (x TEXT);")),
                    new CurrentSchema.Migration("1.1", "second one", checksumOf("SELECT 1;\nSELECT 2;")));
        }
        Path repeatable = jar("repeatable.jar", Map.of("db/migration/common/V1__first.sql", "SELECT 1;",
                "db/migration/common/R__views.sql", "SELECT 2;"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {repeatable.toUri().toURL()}, null)) {
            assertThat(CurrentSchema.bundled(loader, List.of("db/migration/common"))).isEmpty();
        }
    }

    @Test
    void aFutureVersionIsToleratedAndAMissingOlderOneIsNot() {
        List<CurrentSchema.Migration> bundled = List.of(new CurrentSchema.Migration("1", "a", 1),
                new CurrentSchema.Migration("2", "b", 2));
        CurrentSchema.Migration future = new CurrentSchema.Migration("3", "c", 3);
        CurrentSchema.Migration gone = new CurrentSchema.Migration("1.5", "gone", 4);

        assertThat(CurrentSchema.covers(Map.of("1", bundled.get(0), "2", bundled.get(1), "3", future), bundled)).isTrue();
        assertThat(CurrentSchema.covers(Map.of("1", bundled.get(0), "2", bundled.get(1), "1.5", gone), bundled)).isFalse();
        assertThat(CurrentSchema.covers(Map.of("1", bundled.get(0)), bundled)).isFalse();
        assertThat(CurrentSchema.covers(Map.of("1", bundled.get(0), "2", new CurrentSchema.Migration("2", "renamed", 2)), bundled))
                .isFalse();
        assertThat(CurrentSchema.normalised("01.0.0")).isEqualTo("1");
        assertThat(CurrentSchema.compare("1.10", "1.9")).isPositive();
    }

    /** Flyway's checksum of the lines as {@link CurrentSchema} is to compute it: the lines' bytes, no line breaks. */
    private static int checksumOf(String text) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (String line : text.split("\n")) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        int expected = (int) crc.getValue();
        assertThat(CurrentSchema.checksum(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))).isEqualTo(expected);
        return expected;
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            java.util.Set<String> folders = new java.util.TreeSet<>();
            for (String entry : entries.keySet()) {
                for (int slash = entry.indexOf('/'); slash >= 0; slash = entry.indexOf('/', slash + 1)) {
                    folders.add(entry.substring(0, slash + 1));
                }
            }
            for (String folder : folders) { // as Maven writes them: a class loader finds a folder by its entry
                zip.putNextEntry(new JarEntry(folder));
                zip.closeEntry();
            }
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new JarEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
