package dev.selfheal.alerting;

import dev.selfheal.alerting.rules.Silence;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link AlertStore} in memory, bounded: the newest {@code maxResolved} resolved alerts and
 * the newest {@code maxDecisionsPerAlert} decisions of each alert are kept, so an alert storm
 * cannot fill the heap.
 */
public final class InMemoryAlertStore implements AlertStore {

    private final int maxResolved;
    private final int maxDecisionsPerAlert;
    private final Map<String, Alert> open = new LinkedHashMap<>();
    private final LinkedHashMap<String, Alert> resolved = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Decision>> decisions = new HashMap<>();
    private final Map<String, Silence> silences = new LinkedHashMap<>();

    public InMemoryAlertStore() {
        this(10_000, 100);
    }

    public InMemoryAlertStore(int maxResolved, int maxDecisionsPerAlert) {
        this.maxResolved = maxResolved;
        this.maxDecisionsPerAlert = maxDecisionsPerAlert;
    }

    @Override
    public synchronized void save(Alert alert) {
        if (alert.isOpen()) {
            open.put(alert.id(), alert);
            return;
        }
        open.remove(alert.id());
        resolved.put(alert.id(), alert);
        if (resolved.size() > maxResolved) {
            Iterator<String> oldest = resolved.keySet().iterator();
            String id = oldest.next();
            oldest.remove();
            decisions.remove(id);
        }
    }

    @Override
    public synchronized Optional<Alert> find(String id) {
        Alert a = open.get(id);
        return Optional.ofNullable(a != null ? a : resolved.get(id));
    }

    @Override
    public synchronized List<Alert> open() {
        return open.values().stream().sorted(Comparator.comparing(Alert::startsAt)).toList();
    }

    @Override
    public synchronized List<Alert> recent(int limit) {
        List<Alert> all = new ArrayList<>(open.values());
        all.addAll(resolved.values());
        return all.stream().sorted(Comparator.comparing(Alert::startsAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized void record(Decision decision) {
        ArrayDeque<Decision> list = decisions.computeIfAbsent(decision.alertId(), k -> new ArrayDeque<>());
        list.addLast(decision);
        if (list.size() > maxDecisionsPerAlert) {
            list.pollFirst();
        }
    }

    @Override
    public synchronized List<Decision> decisions(String alertId) {
        return List.copyOf(decisions.getOrDefault(alertId, new ArrayDeque<>()));
    }

    @Override
    public synchronized void save(Silence silence) {
        silences.put(silence.id(), silence);
    }

    @Override
    public synchronized List<Silence> silences() {
        return silences.values().stream().sorted(Comparator.comparing(Silence::startsAt)).toList();
    }
}
