package dev.selfheal.resilience;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link OutboxStore} in memory: ordered and idempotent like the JDBC one, but gone with the process. */
public final class InMemoryOutboxStore implements OutboxStore {

    private final TreeMap<Long, OutboxEntry> pending = new TreeMap<>();
    private final TreeMap<Long, OutboxEntry> dead = new TreeMap<>();
    private final Map<String, Long> pendingByKey = new HashMap<>();
    private long nextId = 1;

    @Override
    public synchronized OutboxEntry park(String integration, String operation, String idempotencyKey, String payload, Instant parkedAt) {
        String key = integration + '\u0000' + idempotencyKey;
        Long existing = pendingByKey.get(key);
        if (existing != null) {
            return pending.get(existing);
        }
        OutboxEntry entry = new OutboxEntry(nextId++, integration, operation, idempotencyKey, payload, parkedAt, 0, Optional.empty());
        pending.put(entry.id(), entry);
        pendingByKey.put(key, entry.id());
        return entry;
    }

    @Override
    public synchronized List<OutboxEntry> pending(String integration, int limit) {
        List<OutboxEntry> out = new ArrayList<>();
        for (OutboxEntry e : pending.values()) {
            if (out.size() >= limit) {
                break;
            }
            if (e.integration().equals(integration)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public synchronized long pendingCount(String integration) {
        return pending.values().stream().filter(e -> e.integration().equals(integration)).count();
    }

    @Override
    public synchronized void markDelivered(long id) {
        OutboxEntry e = pending.remove(id);
        if (e != null) {
            pendingByKey.remove(e.integration() + '\u0000' + e.idempotencyKey());
        }
    }

    @Override
    public synchronized void recordFailure(long id, String error, Instant at) {
        OutboxEntry e = pending.get(id);
        if (e != null) {
            pending.put(id, new OutboxEntry(id, e.integration(), e.operation(), e.idempotencyKey(), e.payload(),
                    e.parkedAt(), e.attempts() + 1, Optional.ofNullable(error)));
        }
    }

    @Override
    public synchronized void markDead(long id, String error, Instant at) {
        OutboxEntry e = pending.remove(id);
        if (e != null) {
            pendingByKey.remove(e.integration() + '\u0000' + e.idempotencyKey());
            dead.put(id, new OutboxEntry(id, e.integration(), e.operation(), e.idempotencyKey(), e.payload(),
                    e.parkedAt(), e.attempts() + 1, Optional.ofNullable(error)));
        }
    }

    @Override
    public synchronized List<OutboxEntry> dead(String integration, int limit) {
        return dead.values().stream().filter(e -> e.integration().equals(integration)).limit(limit).toList();
    }
}
