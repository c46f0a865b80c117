package dev.selfheal.server.security;

import dev.selfheal.server.config.SecretMasker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what: every mutating call, written to the log as {@code event=audit ...} and kept in
 * memory (the last {@value #CAPACITY}) for {@code GET /api/audit}. The log is the record that
 * lasts; the memory is for the console and a quick look.
 */
public final class AuditLog {

    static final int CAPACITY = 1_000;
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final Deque<AuditEntry> entries = new ArrayDeque<>();
    private final SecretMasker masker;

    public AuditLog(SecretMasker masker) {
        this.masker = masker;
    }

    public void record(AuditEntry entry) {
        AuditEntry masked = new AuditEntry(entry.at(), entry.by(), entry.role(), entry.method(), masker.mask(entry.path()),
                entry.status(), entry.outcome());
        synchronized (entries) {
            entries.addFirst(masked);
            while (entries.size() > CAPACITY) {
                entries.removeLast();
            }
        }
        log.info("event=audit by={} role={} method={} path=\"{}\" status={} outcome={}", masked.by(), masked.role(),
                masked.method(), quoted(masked.path()), masked.status(), masked.outcome());
    }

    /** The latest entries, newest first. */
    public List<AuditEntry> latest(int limit) {
        synchronized (entries) {
            return new ArrayList<>(entries).subList(0, Math.min(limit, entries.size()));
        }
    }

    /** A path as one log field: no line breaks or quotes a reader could take for another entry. */
    private static String quoted(String path) {
        StringBuilder out = new StringBuilder(path.length());
        path.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                out.append("\\u%04x".formatted(c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
