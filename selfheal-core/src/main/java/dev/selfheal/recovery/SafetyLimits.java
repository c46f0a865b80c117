package dev.selfheal.recovery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The circuit breaker on remediation itself: sliding-window limits on actions per component and
 * overall, and a lock per target so two steps never touch one thing at once. Times are the
 * scheduler's monotonic nanoseconds.
 */
final class SafetyLimits {

    private final RateLimit perComponent;
    private final RateLimit global;
    private final Map<String, Deque<Long>> byComponent = new HashMap<>();
    private final Deque<Long> all = new ArrayDeque<>();
    private final Set<String> busy = new HashSet<>();

    SafetyLimits(RateLimit perComponent, RateLimit global) {
        this.perComponent = perComponent;
        this.global = global;
    }

    /** Counts an action on {@code component} if the limits allow; otherwise says which limit refused. */
    synchronized Optional<String> tryCount(String component, long nowNanos) {
        Deque<Long> mine = byComponent.computeIfAbsent(component, c -> new ArrayDeque<>());
        trim(mine, perComponent, nowNanos);
        trim(all, global, nowNanos);
        if (mine.size() >= perComponent.max()) {
            return Optional.of("remediation limit reached: %d actions on %s within %s (limit %s)"
                    .formatted(mine.size(), component, perComponent.window(), perComponent));
        }
        if (all.size() >= global.max()) {
            return Optional.of("global remediation limit reached: %d actions within %s (limit %s)"
                    .formatted(all.size(), global.window(), global));
        }
        mine.addLast(nowNanos);
        all.addLast(nowNanos);
        return Optional.empty();
    }

    synchronized boolean tryLock(String target) {
        return busy.add(target);
    }

    synchronized void unlock(String target) {
        busy.remove(target);
    }

    synchronized boolean isBusy(String target) {
        return busy.contains(target);
    }

    private static void trim(Deque<Long> starts, RateLimit limit, long nowNanos) {
        long horizon = nowNanos - limit.window().toNanos();
        while (!starts.isEmpty() && starts.peekFirst() <= horizon) {
            starts.removeFirst();
        }
    }
}
