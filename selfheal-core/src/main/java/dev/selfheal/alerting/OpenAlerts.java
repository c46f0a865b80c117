package dev.selfheal.alerting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deduplication: the open alerts, one per fingerprint, so that a repeat of a signal finds its
 * alert with one hash lookup; by id for the API; and how many are open per component, which
 * inhibition asks ("is the upstream alerting?"). Not thread-safe: used under the manager's lock.
 */
final class OpenAlerts {

    private final Map<String, Alert> byFingerprint = new HashMap<>();
    private final Map<String, String> fingerprintById = new HashMap<>();
    private final Map<String, Integer> openByComponent = new HashMap<>();

    /** The open alert of a fingerprint, or null. */
    Alert get(String fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** The open alert with this id, or null. */
    Alert byId(String alertId) {
        String fp = fingerprintById.get(alertId);
        return fp == null ? null : byFingerprint.get(fp);
    }

    /** Whether the id names an alert that is open now. */
    boolean knows(String alertId) {
        return fingerprintById.containsKey(alertId);
    }

    /** A new episode of its fingerprint is open. */
    void add(Alert alert) {
        byFingerprint.put(alert.fingerprint(), alert);
        fingerprintById.put(alert.id(), alert.fingerprint());
        openByComponent.merge(alert.component(), 1, Integer::sum);
    }

    /** The alert's new state; a status change must be one its status allows. */
    void replace(Alert alert) {
        Alert before = byFingerprint.put(alert.fingerprint(), alert);
        if (before != null && before.status() != alert.status() && !before.status().canMoveTo(alert.status())) {
            throw new IllegalStateException("alert %s cannot move from %s to %s".formatted(alert.id(), before.status(), alert.status()));
        }
    }

    /** The alert is no longer open. */
    void remove(Alert alert) {
        byFingerprint.remove(alert.fingerprint());
        fingerprintById.remove(alert.id());
        openByComponent.computeIfPresent(alert.component(), (k, v) -> v <= 1 ? null : v - 1);
    }

    int openIn(String component) {
        return openByComponent.getOrDefault(component, 0);
    }

    List<Alert> all() {
        return List.copyOf(byFingerprint.values());
    }
}
