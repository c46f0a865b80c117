package dev.selfheal.demo.orchestrator;

import dev.selfheal.resilience.OutboxEntry;
import dev.selfheal.resilience.OutboxStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable outbox, telling the event ledger when a parked step is finally applied by a replay
 * (the guard marks the entry delivered only after its handler succeeded) or refused for good.
 */
public final class LedgerOutboxStore implements OutboxStore {

    private final OutboxStore delegate;
    private final EventLedger ledger;
    private final Map<Long, String> keys = new ConcurrentHashMap<>();

    public LedgerOutboxStore(OutboxStore delegate, EventLedger ledger) {
        this.delegate = delegate;
        this.ledger = ledger;
    }

    @Override
    public OutboxEntry park(String integration, String operation, String idempotencyKey, String payload, Instant parkedAt) {
        OutboxEntry entry = delegate.park(integration, operation, idempotencyKey, payload, parkedAt);
        keys.put(entry.id(), entry.idempotencyKey());
        return entry;
    }

    @Override
    public List<OutboxEntry> pending(String integration, int limit) {
        List<OutboxEntry> entries = delegate.pending(integration, limit);
        entries.forEach(e -> keys.put(e.id(), e.idempotencyKey()));
        return entries;
    }

    @Override
    public long pendingCount(String integration) {
        return delegate.pendingCount(integration);
    }

    @Override
    public void markDelivered(long id) {
        delegate.markDelivered(id);
        String key = keys.remove(id);
        if (key != null) {
            ledger.replayed(key);
        }
    }

    @Override
    public void recordFailure(long id, String error, Instant at) {
        delegate.recordFailure(id, error, at);
    }

    @Override
    public void markDead(long id, String error, Instant at) {
        delegate.markDead(id, error, at);
        String key = keys.remove(id);
        if (key != null) {
            ledger.failed(key, "refused on replay: " + error);
        }
    }

    @Override
    public List<OutboxEntry> dead(String integration, int limit) {
        return delegate.dead(integration, limit);
    }
}
