package dev.selfheal.alerting;

import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.alerting.routing.RoutedTo;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Grouping, as Alertmanager does it: alerts that share a route and its group-by labels wait
 * together ({@code group_wait} for a new group, {@code group_interval} after a flush) and go out
 * as one message; a sent alert is repeated every {@code repeat_interval}. A group's timer says
 * when it is due ({@code due}, with the group's key); {@link #flush} then picks what goes out.
 * Not thread-safe: used under the manager's lock.
 */
final class Groups {

    /** What one member gets at a flush. */
    enum Verdict { SEND, SKIP, DROP }

    /** Decides, at a flush, for a due member that is not acknowledged: send it, skip it this time, or drop it from the group. */
    interface Sift {
        Verdict sift(Alert alert, boolean pending, Instant now);
    }

    /** One message's worth: the alerts to send to {@code route}, and critical ones that resolved while waiting. */
    record Batch(String key, RoutedTo route, List<Alert> alerts, List<Alert> resolvedToo) { }

    private static final class Group {
        final String key;
        final RoutedTo route;
        final Set<String> members = new LinkedHashSet<>();
        final Set<String> pending = new LinkedHashSet<>();
        final List<Alert> resolvedUnsent = new ArrayList<>();
        boolean flushedOnce;
        Instant lastFlush;
        Cancellable timer = Cancellable.NONE;
        boolean armed;

        Group(String key, RoutedTo route) {
            this.key = key;
            this.route = route;
        }
    }

    private final RouteTree routes;
    private final Scheduler scheduler;
    private final Consumer<String> due;
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, List<RoutedTo>> routing = new HashMap<>();

    Groups(RouteTree routes, Scheduler scheduler, Consumer<String> due) {
        this.routes = routes;
        this.scheduler = scheduler;
        this.due = due;
    }

    /** The routes an alert takes, worked out once per open fingerprint. */
    List<RoutedTo> routesOf(Alert alert) {
        return routing.computeIfAbsent(alert.fingerprint(), fp -> routes.route(alert.allLabels()));
    }

    /** The alert waits in the group of each route it takes. */
    void enqueue(Alert alert, Instant now) {
        for (RoutedTo to : routesOf(alert)) {
            Group g = groups.computeIfAbsent(groupKey(alert, to), k -> new Group(k, to));
            g.members.add(alert.fingerprint());
            g.pending.add(alert.fingerprint());
            if (!g.armed) {
                Duration delay = g.flushedOnce ? Duration.between(now, g.lastFlush.plus(to.groupInterval())) : to.groupWait();
                arm(g, delay.isNegative() ? Duration.ZERO : delay);
            }
        }
    }

    /**
     * The alert resolved while still waiting in an armed group: it goes out with that group's
     * next message, marked resolved. Returns whether any group took it.
     */
    boolean sendResolvedWithGroup(Alert alert, Alert resolved) {
        boolean queued = false;
        for (Group g : groups.values()) {
            if (g.pending.contains(alert.fingerprint()) && g.armed) {
                g.resolvedUnsent.add(resolved);
                queued = true;
            }
        }
        return queued;
    }

    /** The fingerprint's alert resolved: its routes are worked out again for its next episode. */
    void forget(String fingerprint) {
        routing.remove(fingerprint);
    }

    /**
     * The group's timer fired: its due members ({@code pending}, or sent and past the repeat
     * interval), as {@code sift} decides, make the batch; members no longer open ({@code open}
     * gives null) or dropped leave the group; the group is armed again, or forgotten when empty.
     * Null when the group is gone or has nothing to say.
     */
    Batch flush(String key, Instant now, Function<String, Alert> open, Sift sift) {
        Group g = groups.get(key);
        if (g == null) {
            return null;
        }
        g.armed = false;
        List<Alert> toSend = new ArrayList<>();
        for (var it = g.members.iterator(); it.hasNext(); ) {
            String fp = it.next();
            Alert a = open.apply(fp);
            if (a == null) {
                it.remove();
                continue;
            }
            boolean pending = g.pending.contains(fp);
            boolean isDue = pending || a.status() == AlertStatus.SENT && a.lastNotifiedAt()
                    .filter(t -> !now.isBefore(t.plus(g.route.repeatInterval()))).isPresent();
            if (!isDue || a.status() == AlertStatus.ACKNOWLEDGED) {
                continue;
            }
            Verdict v = sift.sift(a, pending, now);
            if (v == Verdict.DROP) {
                it.remove();
            } else if (v == Verdict.SEND) {
                toSend.add(a);
            }
        }
        g.pending.clear();
        g.flushedOnce = true;
        g.lastFlush = now;
        List<Alert> resolvedToo = List.copyOf(g.resolvedUnsent);
        g.resolvedUnsent.clear();
        if (g.members.isEmpty()) {
            groups.remove(key);
        } else {
            arm(g, g.route.groupInterval());
        }
        return toSend.isEmpty() && resolvedToo.isEmpty() ? null : new Batch(g.key, g.route, toSend, resolvedToo);
    }

    int size() {
        return groups.size();
    }

    void close() {
        groups.values().forEach(g -> g.timer.cancel());
    }

    private void arm(Group g, Duration delay) {
        g.armed = true;
        g.timer = scheduler.schedule(delay, () -> due.accept(g.key));
    }

    private static String groupKey(Alert alert, RoutedTo to) {
        StringBuilder b = new StringBuilder(to.path()).append('{');
        Map<String, String> labels = to.groupBy().isEmpty() ? Map.of() : alert.allLabels();
        for (String l : to.groupBy()) {
            b.append(l).append('=').append(labels.getOrDefault(l, "")).append(',');
        }
        return b.append('}').toString();
    }
}
