package dev.selfheal.server.config;

import dev.selfheal.redaction.Redaction;
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
 */
public record StoreConfig(String url, Optional<String> user, Optional<Secret> password, int retentionDays, int minFreeSpaceMb) {

    public static final String DEFAULT_URL = "jdbc:sqlite:data/selfheal.db";
    public static final int DEFAULT_RETENTION_DAYS = 7;
    public static final int DEFAULT_MIN_FREE_SPACE_MB = 16;

    @Override
    public String toString() {
        return "StoreConfig[url=%s, user=%s, password=%s, retentionDays=%d, minFreeSpaceMb=%d]".formatted(
                Redaction.url(url), user.orElse(""), password.isPresent() ? Secret.MASK : "", retentionDays, minFreeSpaceMb);
    }
}
