package dev.selfheal.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Recovery records in memory, forgotten on restart: for tests and embedding without a database. */
public final class InMemoryRecoveryRecordStore implements RecoveryRecordStore {

    private final List<RecoveryRecord> records = new ArrayList<>();

    @Override
    public synchronized RecoveryRecord append(RecoveryRecord record) {
        RecoveryRecord kept = record.withSequence(records.size() + 1L);
        records.add(kept);
        return kept;
    }

    @Override
    public synchronized List<RecoveryRecord> before(long before, int limit) {
        List<RecoveryRecord> page = new ArrayList<>();
        for (int i = records.size() - 1; i >= 0 && page.size() < limit; i--) {
            if (records.get(i).sequence() < before) {
                page.add(records.get(i));
            }
        }
        return page;
    }

    @Override
    public synchronized List<RecoveryRecord> after(long after, int limit) {
        return records.stream().filter(r -> r.sequence() > after).limit(limit).toList();
    }

    @Override
    public synchronized List<RecoveryRecord> forIncident(String incidentId) {
        return records.stream().filter(r -> r.incidentId().equals(incidentId)).toList();
    }

    @Override
    public synchronized Optional<RecoveryRecord> lastFor(String component) {
        return records.reversed().stream().filter(r -> r.component().equals(component)).findFirst();
    }
}
