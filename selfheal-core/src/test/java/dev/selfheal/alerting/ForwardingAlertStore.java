package dev.selfheal.alerting;

import dev.selfheal.alerting.rules.Silence;
import java.util.List;
import java.util.Optional;

/** An alert store that passes every call on; tests override one method to hold it or make it fail. */
class ForwardingAlertStore implements AlertStore {

    private final AlertStore delegate;

    ForwardingAlertStore(AlertStore delegate) {
        this.delegate = delegate;
    }

    AlertStore delegate() {
        return delegate;
    }

    @Override
    public void save(Alert alert) {
        delegate.save(alert);
    }

    @Override
    public Optional<Alert> find(String id) {
        return delegate.find(id);
    }

    @Override
    public List<Alert> open() {
        return delegate.open();
    }

    @Override
    public List<Alert> recent(int limit) {
        return delegate.recent(limit);
    }

    @Override
    public void record(Decision decision) {
        delegate.record(decision);
    }

    @Override
    public List<Decision> decisions(String alertId) {
        return delegate.decisions(alertId);
    }

    @Override
    public void save(Silence silence) {
        delegate.save(silence);
    }

    @Override
    public List<Silence> silences() {
        return delegate.silences();
    }

    /** One by one through this store's own methods, so an override of {@link #save(Alert)} sees batched writes too. */
    @Override
    public void writeAll(List<AlertWrite> writes) {
        writes.forEach(w -> w.applyTo(this));
    }
}
