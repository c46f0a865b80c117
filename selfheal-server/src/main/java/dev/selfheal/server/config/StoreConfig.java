package dev.selfheal.server.config;

import dev.selfheal.redaction.Redaction;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where history is kept.
 *
 * @param url           {@code jdbc:sqlite:FILE} (default {@code jdbc:sqlite:data/selfheal.db}) or
 *                      {@code jdbc:postgresql://host:port/db}
 * @param user          database user, when the database wants one
 * @param password      database password, never shown
 * @param retentionDays raw check results older than this are purged; transitions are kept (default 7)
 * @param minFreeSpaceMb the daemon does not start when the SQLite file's filesystem has less free
 *                      space than this, in MiB, and warns below four times this (default 16; 0 turns
 *                      the check off; PostgreSQL is not checked)
 * @param stateDir      where the daemon keeps its own files that are not in the database (the
 *                      children's ledger, in {@code children/}); default: next to the SQLite file, or
 *                      {@code $XDG_STATE_HOME/selfheal} (else {@code ~/.local/state/selfheal}) under a
 *                      name derived from the store, for PostgreSQL
 */
public record StoreConfig(String url, Optional<String> user, Optional<Secret> password, int retentionDays, int minFreeSpaceMb,
                          Optional<Path> stateDir) {

    public StoreConfig(String url, Optional<String> user, Optional<Secret> password, int retentionDays, int minFreeSpaceMb) {
        this(url, user, password, retentionDays, minFreeSpaceMb, Optional.empty());
    }

    public static final String DEFAULT_URL = "jdbc:sqlite:data/selfheal.db";
    public static final int DEFAULT_RETENTION_DAYS = 7;
    public static final int DEFAULT_MIN_FREE_SPACE_MB = 16;

    @Override
    public String toString() {
        return "StoreConfig[url=%s, user=%s, password=%s, retentionDays=%d, minFreeSpaceMb=%d, stateDir=%s]".formatted(
                Redaction.url(url), user.orElse(""), password.isPresent() ? Secret.MASK : "", retentionDays, minFreeSpaceMb,
                stateDir.map(Path::toString).orElse(""));
    }
}
