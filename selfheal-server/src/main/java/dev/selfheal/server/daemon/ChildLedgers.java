package dev.selfheal.server.daemon;

import dev.selfheal.process.ChildLedgerDirectory;
import dev.selfheal.server.config.StoreConfig;
import dev.selfheal.store.jdbc.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a daemon's children's ledger lives, whatever its store: {@code store.state-dir}'s
 * {@code children/} when set; next to the SQLite file ({@code selfheal.db.children.d/}); for
 * PostgreSQL {@code $XDG_STATE_HOME/selfheal/children-KEY} (else {@code ~/.local/state/...}), the
 * key derived from the store's URL, user and cluster node, so that a daemon restarted with the
 * same config finds what the dead one left. Daemons that share a directory leave each other's
 * children alone while they live ({@link ChildLedgerDirectory}).
 */
final class ChildLedgers {

    private static final Logger log = LoggerFactory.getLogger(ChildLedgers.class);

    private ChildLedgers() { }

    /** The ledger of this run, or empty (said in the log) when its directory cannot be used. */
    static Optional<ChildLedgerDirectory> open(StoreConfig store, Optional<String> nodeId, Duration grace) {
        Path dir = directory(store, nodeId, System.getenv());
        List<Path> legacy = Database.sqliteFile(store.url()).map(db -> db.resolveSibling(db.getFileName() + ".children"))
                .stream().toList();
        try {
            return Optional.of(ChildLedgerDirectory.open(dir, legacy, grace));
        } catch (IOException | RuntimeException e) {
            log.warn("event=child_ledger_unavailable dir={} error=\"{}\" effect=\"children a killed daemon leaves are ended by the death "
                    + "signal alone\"", dir, e.toString());
            return Optional.empty();
        }
    }

    static Path directory(StoreConfig store, Optional<String> nodeId, Map<String, String> env) {
        if (store.stateDir().isPresent()) {
            return store.stateDir().get().toAbsolutePath().resolve("children");
        }
        Optional<Path> sqlite = Database.sqliteFile(store.url());
        if (sqlite.isPresent()) {
            return sqlite.get().resolveSibling(sqlite.get().getFileName() + ".children.d");
        }
        String xdg = env.get("XDG_STATE_HOME");
        Path home = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return home.toAbsolutePath().resolve("selfheal").resolve("children-" + key(store, nodeId));
    }

    /** The first 16 hex digits of SHA-256 over the store's URL, user and node id. */
    static String key(StoreConfig store, Optional<String> nodeId) {
        String identity = store.url() + "\n" + store.user().orElse("") + "\n" + nodeId.orElse("");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
