package dev.selfheal.store.jdbc;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a database migrated before the migrations were one set keep opening.
 *
 * <p>V1–V4 used to be written once per dialect ({@code db/migration/sqlite},
 * {@code db/migration/postgresql}); now one file per version serves both, with placeholders for
 * the types that differ. The schema such a database has is the one the new files build, but
 * Flyway recorded the checksums of the old files, and its validation would refuse to migrate.
 * Here are those old checksums: when every applied migration whose checksum differs from its
 * file carries exactly its old file's checksum, Flyway is asked to re-record the current ones
 * ({@code repair}) before it migrates. Anything else (an unknown checksum, a migration that is
 * gone) is left alone, for Flyway's validation to refuse with its own message.
 */
final class LegacyChecksums {

    private static final Logger log = LoggerFactory.getLogger(LegacyChecksums.class);

    /** Version → the checksum Flyway recorded for the old file of that version, per dialect. */
    private static final Map<Database.Dialect, Map<String, Integer>> OLD = Map.of(
            Database.Dialect.SQLITE, Map.of("1", -145518330, "2", 551982127, "3", 1654180832, "4", -457744124),
            Database.Dialect.POSTGRESQL, Map.of("1", 1354912947, "2", -962110291, "3", 688059800, "4", -117662646));

    private LegacyChecksums() { }

    /** Re-records the current checksums when the only mismatches are the old files'; returns whether it did. */
    static boolean realign(Flyway flyway, Database.Dialect dialect) {
        Map<String, Integer> old = OLD.get(dialect);
        int legacy = 0;
        for (MigrationInfo m : flyway.info().applied()) {
            if (m.getType().isSynthetic()) {
                continue; // schema creation and baseline markers have no file
            }
            if (m.getResolvedChecksum() == null) {
                return false; // applied but no longer here: not ours to paper over
            }
            if (m.isChecksumMatching()) {
                continue;
            }
            Integer expected = m.getVersion() == null ? null : old.get(m.getVersion().getVersion());
            if (expected == null || !expected.equals(m.getAppliedChecksum())) {
                return false; // a change we do not know of: let validation refuse it
            }
            legacy++;
        }
        if (legacy == 0) {
            return false;
        }
        log.info("event=schema_history_realigned dialect={} migrations={} reason=\"migrated by the per-dialect files of V1-V4; "
                + "the schema is the same, only the recorded checksums change\"", dialect, legacy);
        flyway.repair();
        return true;
    }
}
