package dev.selfheal.alerting;

import dev.selfheal.events.AlertStatusChanged;
import dev.selfheal.events.EventBus;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every step of the pipeline writes to: the open alerts, the store (alerts and decisions),
 * the event bus, the listeners, and the count of holds by reason. The manager's lock guards it,
 * and {@link #lock} is that lock for the parts' timers.
 */
final class Ledger {

    final Object lock;
    final OpenAlerts open = new OpenAlerts();
    final AlertStore store;
    final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final EventBus bus;
    private final EnumMap<HoldReason, AtomicLong> holds = new EnumMap<>(HoldReason.class);
    private boolean closed;

    Ledger(Object lock, AlertStore store, EventBus bus) {
        this.lock = lock;
        this.store = store;
        this.bus = bus;
        for (HoldReason r : HoldReason.values()) {
            holds.put(r, new AtomicLong());
        }
    }

    /** The alert's new state, open and stored. */
    void replace(Alert alert) {
        open.replace(alert);
        store.save(alert);
    }

    /** Counts a hold and keeps its decision. */
    Decision record(Decision d, HoldReason reason) {
        holds.get(reason).incrementAndGet();
        store.record(d);
        return d;
    }

    void publish(Alert alert, String from, String reason) {
        bus.publish(new AlertStatusChanged(alert.id(), alert.fingerprint(), alert.component(), from, alert.status().label(),
                reason, alert.updatedAt()));
    }

    long held(HoldReason reason) {
        return holds.get(reason).get();
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }
}
