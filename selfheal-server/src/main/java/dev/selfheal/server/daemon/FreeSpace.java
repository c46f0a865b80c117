package dev.selfheal.server.daemon;

import dev.selfheal.server.config.StoreConfig;
import dev.selfheal.store.jdbc.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free-space check at start. On a filesystem with less room than its database, WAL and
 * children's ledger need, the daemon filled the disk by itself seconds after start and then
 * healed from memory only, with nothing said at start: it now refuses to start below
 * {@code store.min-free-space-mb} and warns below four times that.
 */
final class FreeSpace {

    private static final Logger log = LoggerFactory.getLogger(FreeSpace.class);
    private static final long MIB = 1024 * 1024;
    static final int WARN_FACTOR = 4;

    private FreeSpace() { }

    /**
     * Checks the SQLite file's filesystem (PostgreSQL is another machine's disk).
     *
     * @throws IllegalStateException below the minimum, naming the directory, what is free and the key
     */
    static void require(StoreConfig store) {
        if (store.minFreeSpaceMb() == 0) {
            return;
        }
        Optional<Path> file = Database.sqliteFile(store.url());
        if (file.isEmpty()) {
            return;
        }
        Path dir = existingAncestor(file.get().getParent());
        long usable;
        try {
            usable = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            log.warn("event=free_space_unknown dir={} error=\"{}\"", dir, e.toString());
            return;
        }
        long needed = store.minFreeSpaceMb() * MIB;
        if (usable < needed) {
            throw new IllegalStateException(("only %s free on the filesystem of the store (%s); the daemon needs at least %d MiB there "
                    + "(store.min-free-space-mb) for its database, its WAL and its children's ledger. Free some space, move store.url, "
                    + "or lower store.min-free-space-mb (0 turns the check off)").formatted(mib(usable), dir, store.minFreeSpaceMb()));
        }
        if (usable < needed * WARN_FACTOR) {
            log.warn("event=low_free_space dir={} free_mib={} min_free_space_mb={} reason=\"below {} times store.min-free-space-mb: "
                    + "history will stop being written when it runs out (healing goes on from memory)\"", dir, usable / MIB,
                    store.minFreeSpaceMb(), WARN_FACTOR);
        }
    }

    private static Path existingAncestor(Path dir) {
        Path d = dir == null ? Path.of("").toAbsolutePath() : dir;
        while (d != null && !Files.exists(d)) {
            d = d.getParent();
        }
        return d == null ? Path.of("/") : d;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }
}
