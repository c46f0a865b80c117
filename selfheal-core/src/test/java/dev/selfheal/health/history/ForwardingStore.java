package dev.selfheal.health.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A store that passes every call on; tests override one method to slow it down or make it fail. */
class ForwardingStore implements HealthHistoryStore {

    private final HealthHistoryStore delegate;

    ForwardingStore(HealthHistoryStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void appendResults(List<StoredResult> results) {
        delegate.appendResults(results);
    }

    @Override
    public void appendTransition(StatusTransition transition) {
        delegate.appendTransition(transition);
    }

    @Override
    public List<StoredResult> recentResults(String component, int limit) {
        return delegate.recentResults(component, limit);
    }

    @Override
    public List<StatusTransition> transitions(String component, int limit) {
        return delegate.transitions(component, limit);
    }

    @Override
    public Map<String, StatusTransition> latestTransitions() {
        return delegate.latestTransitions();
    }

    @Override
    public int purgeResultsBefore(Instant cutoff) {
        return delegate.purgeResultsBefore(cutoff);
    }
}
