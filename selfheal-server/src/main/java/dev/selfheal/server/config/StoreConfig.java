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
 */
public record StoreConfig(String url, Optional<String> user, Optional<Secret> password, int retentionDays) {

    public static final String DEFAULT_URL = "jdbc:sqlite:data/selfheal.db";
    public static final int DEFAULT_RETENTION_DAYS = 7;

    @Override
    public String toString() {
        return "StoreConfig[url=%s, user=%s, password=%s, retentionDays=%d]".formatted(
                Redaction.url(url), user.orElse(""), password.isPresent() ? Secret.MASK : "", retentionDays);
    }
}
