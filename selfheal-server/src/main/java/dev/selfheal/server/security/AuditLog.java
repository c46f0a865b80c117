package dev.selfheal.server.security;

import dev.selfheal.server.config.SecretMasker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what: every mutating call, written to the log as {@code event=audit ...} and kept in
 * memory (the last {@value #CAPACITY}) for {@code GET /api/audit}. The log is the record that
 * lasts; the memory is for the console and a quick look.
 *
 * <p>Calls refused for load ({@code 429}) are not written one by one: an alert storm is thousands
 * of them a second, and a line each cost the daemon the CPU (and the log the megabytes) it was
 * refusing them to save. The first refusal of a caller on a path is written as any other; those
 * that follow within {@link #REPEAT_WINDOW} are counted, and when the window is over one line
 * {@code event=audit_repeated ... repeats=N first=... last=...} (and one entry, its
 * {@code repeats} N) stands for them. Nothing is dropped: every refusal is in a line or a count.
 * {@link #flush()} writes the windows that are over (the API server calls it every few seconds);
 * {@link #flushAll()} writes every open one (at stop).
 */
public final class AuditLog {

    static final int CAPACITY = 1_000;
    static final Duration REPEAT_WINDOW = Duration.ofSeconds(60);
    /** Keys counted at once; past this a refusal is written as any other call (a bound, not a case that happens). */
    static final int MAX_REPEATING = 1_000;
    private static final int LOAD_REFUSAL = 429;
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private record RepeatKey(String by, String role, String method, String path, int status, String outcome) { }

    private static final class Repeats {
        final Instant first;
        Instant last;
        long count;

        Repeats(Instant first) {
            this.first = first;
            this.last = first;
        }
    }

    private final Deque<AuditEntry> entries = new ArrayDeque<>();
    private final Map<RepeatKey, Repeats> repeating = new LinkedHashMap<>();
    private final SecretMasker masker;
    private final Clock clock;

    public AuditLog(SecretMasker masker) {
        this(masker, Clock.systemUTC());
    }

    public AuditLog(SecretMasker masker, Clock clock) {
        this.masker = masker;
        this.clock = clock;
    }

    public void record(AuditEntry entry) {
        AuditEntry masked = new AuditEntry(entry.at(), entry.by(), entry.role(), entry.method(), masker.mask(entry.path()),
                entry.status(), entry.outcome());
        List<Summary> summaries;
        boolean write = true;
        synchronized (entries) {
            summaries = takeRepeats(false);
            if (masked.status() == LOAD_REFUSAL) {
                RepeatKey key = new RepeatKey(masked.by(), masked.role(), masked.method(), masked.path(), masked.status(), masked.outcome());
                Repeats repeats = repeating.get(key);
                if (repeats != null) {
                    repeats.count++;
                    repeats.last = masked.at();
                    write = false;
                } else if (repeating.size() < MAX_REPEATING) {
                    repeating.put(key, new Repeats(masked.at()));
                }
            }
            if (write) {
                keep(masked);
            }
        }
        summaries.forEach(AuditLog::writeSummary);
        if (write) {
            log.info("event=audit by={} role={} method={} path=\"{}\" status={} outcome={}", masked.by(), masked.role(),
                    masked.method(), quoted(masked.path()), masked.status(), masked.outcome());
        }
    }

    /** Writes the counts of the windows that are over. */
    public void flush() {
        List<Summary> summaries;
        synchronized (entries) {
            summaries = takeRepeats(false);
        }
        summaries.forEach(AuditLog::writeSummary);
    }

    /** Writes the counts of every window, over or not (the daemon stops). */
    public void flushAll() {
        List<Summary> summaries;
        synchronized (entries) {
            summaries = takeRepeats(true);
        }
        summaries.forEach(AuditLog::writeSummary);
    }

    /** The latest entries, newest first. */
    public List<AuditEntry> latest(int limit) {
        synchronized (entries) {
            return new ArrayList<>(entries).subList(0, Math.min(limit, entries.size()));
        }
    }

    /** Ends the windows that are over (or all), keeps an entry for each that counted any, and returns those entries. */
    private List<Summary> takeRepeats(boolean all) {
        if (repeating.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Summary> summaries = new ArrayList<>();
        for (Iterator<Map.Entry<RepeatKey, Repeats>> it = repeating.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<RepeatKey, Repeats> e = it.next();
            Repeats r = e.getValue();
            if (!all && now.isBefore(r.first.plus(REPEAT_WINDOW))) {
                continue;
            }
            it.remove();
            if (r.count > 0) {
                RepeatKey k = e.getKey();
                AuditEntry summary = new AuditEntry(r.last, k.by(), k.role(), k.method(), k.path(), k.status(), k.outcome(), r.count);
                keep(summary);
                summaries.add(new Summary(summary, r.first));
            }
        }
        return summaries;
    }

    private void keep(AuditEntry entry) {
        entries.addFirst(entry);
        while (entries.size() > CAPACITY) {
            entries.removeLast();
        }
    }

    private record Summary(AuditEntry entry, Instant first) { }

    private static void writeSummary(Summary summary) {
        AuditEntry s = summary.entry();
        log.info("event=audit_repeated by={} role={} method={} path=\"{}\" status={} outcome={} repeats={} first={} last={}", s.by(),
                s.role(), s.method(), quoted(s.path()), s.status(), s.outcome(), s.repeats(), summary.first(), s.at());
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
