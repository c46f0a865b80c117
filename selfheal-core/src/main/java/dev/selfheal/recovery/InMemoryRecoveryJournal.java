package dev.selfheal.recovery;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The journal in memory: survives nothing, for embedding without a database and for tests. */
public final class InMemoryRecoveryJournal implements RecoveryJournal {

    private final Map<String, RecoveryJournalEntry> steps = new LinkedHashMap<>();

    @Override
    public synchronized void begin(RecoveryJournalEntry entry) {
        if (entry.status() != RecoveryJournalEntry.Status.RUNNING) {
            throw new IllegalArgumentException("step %s must begin RUNNING, not %s".formatted(entry.stepId(), entry.status()));
        }
        if (steps.putIfAbsent(entry.stepId(), entry) != null) {
            throw new IllegalStateException("step %s has already begun".formatted(entry.stepId()));
        }
    }

    @Override
    public synchronized boolean end(String stepId, RecoveryJournalEntry.Status outcome, Instant at, String message) {
        RecoveryJournalEntry entry = steps.get(stepId);
        if (entry == null || entry.status() != RecoveryJournalEntry.Status.RUNNING) {
            return false;
        }
        steps.put(stepId, entry.ended(outcome, at, message));
        return true;
    }

    @Override
    public synchronized Optional<RecoveryJournalEntry> find(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }

    @Override
    public synchronized List<RecoveryJournalEntry> running() {
        return steps.values().stream().filter(e -> e.status() == RecoveryJournalEntry.Status.RUNNING)
                .sorted(Comparator.comparing(RecoveryJournalEntry::startedAt)).toList();
    }

    @Override
    public synchronized List<RecoveryJournalEntry> since(String component, Instant since) {
        return steps.values().stream().filter(e -> e.component().equals(component) && !e.startedAt().isBefore(since))
                .sorted(Comparator.comparing(RecoveryJournalEntry::startedAt).reversed()).toList();
    }

    @Override
    public synchronized List<RecoveryJournalEntry> forIncident(String incidentId) {
        return steps.values().stream().filter(e -> e.incidentId().equals(incidentId))
                .sorted(Comparator.comparing(RecoveryJournalEntry::startedAt)).toList();
    }
}
