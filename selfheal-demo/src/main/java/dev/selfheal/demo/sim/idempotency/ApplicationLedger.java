package dev.selfheal.demo.sim.idempotency;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Every application of a mutating request, by idempotency key, so a test can prove that
 * nothing was applied twice.
 *
 * <p>Keys are scoped by operation ({@code comment.create}, {@code chat.postMessage}, ...).
 * In {@link Mode#ENFORCE} (the default) a repeated key is answered with the stored answer
 * and not applied again; in {@link Mode#RECORD_ONLY} it is applied again and counted, so a
 * client that relies on its own de-duplication can be caught applying twice. Requests with
 * the same key are serialised, so two concurrent repeats still apply once. Only successful
 * (2xx) answers count as applications: a rejected request changed nothing.
 */
public final class ApplicationLedger implements AutoCloseable {

    public enum Mode { ENFORCE, RECORD_ONLY }

    /** One key's account. */
    public record Application(String key, String operation, long applied, long requests,
                              Instant firstAppliedAt, Instant lastAppliedAt, Instant lastSeenAt) { }

    /** The answer to give, and whether it came from the record instead of a new application. */
    public record Outcome(StoredAnswer answer, boolean repeated) { }

    private record Scoped(String operation, String key) { }

    private static final class Entry {
        final String key;
        final String operation;
        long applied;
        long requests;
        Instant firstAppliedAt;
        Instant lastAppliedAt;
        Instant lastSeenAt;
        StoredAnswer answer;

        Entry(String key, String operation) {
            this.key = key;
            this.operation = operation;
        }

        Application view() {
            return new Application(key, operation, applied, requests, firstAppliedAt, lastAppliedAt, lastSeenAt);
        }
    }

    private final InstantSource clock;
    private final Mode mode;
    private final Optional<StateFile> stateFile;
    private final Map<Scoped, Entry> entries = new LinkedHashMap<>();
    private final Map<Scoped, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final List<LedgerRecord> applied = new ArrayList<>();
    private long unkeyed;

    /** A ledger that starts from {@code history} (read from the state file) and appends to {@code stateFile}. */
    public ApplicationLedger(InstantSource clock, Mode mode, Optional<StateFile> stateFile, List<LedgerRecord> history) {
        this.clock = clock;
        this.mode = mode;
        this.stateFile = stateFile;
        history.forEach(this::replay);
    }

    /** An in-memory ledger. */
    public static ApplicationLedger inMemory(InstantSource clock) {
        return new ApplicationLedger(clock, Mode.ENFORCE, Optional.empty(), List.of());
    }

    /** Applies {@code action} under {@code key}, or answers from the record when the key was already applied. */
    public Outcome apply(Optional<String> key, String operation, Supplier<StoredAnswer> action) {
        if (key.isEmpty()) {
            StoredAnswer answer = action.get();
            if (answer.isSuccess()) {
                record(new LedgerRecord(LedgerRecord.Kind.APPLIED, key, operation, clock.instant(), Optional.of(answer)));
            }
            return new Outcome(answer, false);
        }
        Scoped scoped = new Scoped(operation, key.get());
        ReentrantLock lock = locks.computeIfAbsent(scoped, k -> new ReentrantLock());
        lock.lock();
        try {
            Optional<StoredAnswer> earlier = earlierAnswer(scoped);
            if (earlier.isPresent() && mode == Mode.ENFORCE) {
                record(new LedgerRecord(LedgerRecord.Kind.REPEATED, key, operation, clock.instant(), Optional.empty()));
                return new Outcome(earlier.get(), true);
            }
            StoredAnswer answer = action.get();
            if (answer.isSuccess()) {
                record(new LedgerRecord(LedgerRecord.Kind.APPLIED, key, operation, clock.instant(), Optional.of(answer)));
            }
            return new Outcome(answer, false);
        } finally {
            lock.unlock();
        }
    }

    /** Every key's account, oldest first. */
    public synchronized List<Application> applications() {
        return entries.values().stream().map(Entry::view)
                .sorted(Comparator.comparing(Application::firstAppliedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /** Applications made without a key (they cannot be checked for duplicates). */
    public synchronized long unkeyedApplications() {
        return unkeyed;
    }

    /** The answers of every application of {@code operation}, in order: what a restarted simulator rebuilds its state from. */
    public synchronized List<StoredAnswer> appliedAnswers(String operation) {
        return applied.stream().filter(r -> r.operation().equals(operation)).map(r -> r.answer().orElseThrow()).toList();
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public void close() {
        stateFile.ifPresent(StateFile::close);
    }

    private synchronized Optional<StoredAnswer> earlierAnswer(Scoped scoped) {
        Entry entry = entries.get(scoped);
        return entry == null || entry.answer == null ? Optional.empty() : Optional.of(entry.answer);
    }

    private void record(LedgerRecord record) {
        stateFile.ifPresent(file -> file.append(record));
        replay(record);
    }

    private synchronized void replay(LedgerRecord record) {
        if (record.kind() == LedgerRecord.Kind.APPLIED) {
            applied.add(record);
        }
        if (record.key().isEmpty()) {
            unkeyed++;
            return;
        }
        Entry entry = entries.computeIfAbsent(new Scoped(record.operation(), record.key().get()),
                k -> new Entry(k.key(), k.operation()));
        entry.requests++;
        entry.lastSeenAt = record.at();
        if (record.kind() == LedgerRecord.Kind.APPLIED) {
            entry.applied++;
            if (entry.firstAppliedAt == null) {
                entry.firstAppliedAt = record.at();
                entry.answer = record.answer().orElseThrow();
            }
            entry.lastAppliedAt = record.at();
        }
    }
}
