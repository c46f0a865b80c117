package dev.selfheal.cluster;

import dev.selfheal.time.Cancellable;
import dev.selfheal.time.DurationChecks;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the election: every {@code renew} it heartbeats and tries to acquire (or
 * renew) the lease, and tells its listeners when it is elected or deposed.
 *
 * <h2>Why a local deadline as well as the database's expiry</h2>
 * The database decides who holds the lease, on its own clock. But a node learns that it lost the
 * lease only at its next renewal, and a node that was paused (a GC, SIGSTOP, a frozen VM) learns
 * nothing while paused. So each successful renewal also sets a deadline on this node's monotonic
 * clock: the time the request was <em>sent</em> plus the lease period. The database's expiry is
 * later than that (it counts from when the statement ran), so {@link #current()} turns empty
 * before any other node can have taken the lease, and at once when a paused node wakes up.
 * Writes then check the token again in their own transaction ({@link LeaseStore#isCurrent}):
 * the deadline keeps a deposed node from starting, the database keeps it from writing.
 *
 * <h2>Threads</h2>
 * Renewals and listener calls run one at a time on {@code executor} (the store blocks); the
 * scheduler only times them. Listeners are called in order: a deposition before the next
 * election. A renewal that throws keeps the current view until the deadline; a listener that
 * throws is logged and the others still run.
 */
public final class LeaderElection implements LeaseFence, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    /** Told when this node starts and stops leading. Called on the election's executor. */
    public interface Listener {
        void elected(FencingToken token);

        void deposed(FencingToken token, String reason);
    }

    /** The lease contended for, how long a renewal holds it, and how often nodes try. */
    public record Settings(String lease, Duration ttl, Duration renew) {
        public Settings {
            Objects.requireNonNull(lease, "lease");
            DurationChecks.positive(ttl, "cluster lease");
            DurationChecks.positive(renew, "cluster renew");
            if (renew.compareTo(ttl) >= 0) {
                throw new IllegalArgumentException("cluster renew (%s) must be shorter than the lease (%s), or the lease lapses between renewals"
                        .formatted(renew, ttl));
            }
        }

        public static final String LEADER = "leader";

        public static Settings defaults() {
            return new Settings(LEADER, Duration.ofSeconds(3), Duration.ofSeconds(1));
        }
    }

    private record Held(FencingToken token, long deadlineNanos) { }

    /** The nodes alive at the last heartbeat that read them, and until when that view may be used. */
    private record LiveView(List<String> nodes, long validUntilNanos) { }

    private final LeaseStore store;
    private final Node node;
    private final Settings settings;
    private final Scheduler scheduler;
    private final Executor executor;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong renewalFailures = new AtomicLong();
    private final AtomicLong elections = new AtomicLong();
    private volatile Held held;
    private volatile LiveView live;
    private volatile Optional<Lease> lastSeen = Optional.empty();
    private volatile boolean running;
    private volatile Cancellable nextTick = Cancellable.NONE;
    private long lastTickNanos;

    public LeaderElection(LeaseStore store, Node node, Settings settings, Scheduler scheduler, Executor executor) {
        this.store = Objects.requireNonNull(store, "store");
        this.node = Objects.requireNonNull(node, "node");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Starts contending: the first attempt runs at once. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        log.info("event=election_started node={} lease={} ttl_ms={} renew_ms={}", node.id(), settings.lease(),
                settings.ttl().toMillis(), settings.renew().toMillis());
        submit(this::tick);
    }

    @Override
    public Optional<FencingToken> current() {
        Held h = held;
        return h != null && scheduler.nanoTime() - h.deadlineNanos < 0 ? Optional.of(h.token) : Optional.empty();
    }

    public boolean isLeader() {
        return current().isPresent();
    }

    public Node node() {
        return node;
    }

    public Settings settings() {
        return settings;
    }

    /** The lease as this node last read it (its own after a renewal, another's after a refusal). */
    public Optional<Lease> lastSeen() {
        return lastSeen;
    }

    public LeaseStore store() {
        return store;
    }

    public long renewalFailures() {
        return renewalFailures.get();
    }

    /** How many times this node was elected. */
    public long elections() {
        return elections.get();
    }

    private void tick() {
        if (!running) {
            return;
        }
        long sent = scheduler.nanoTime();
        if (lastTickNanos != 0 && sent - lastTickNanos > settings.ttl().toNanos()) {
            log.warn("event=election_tick_late node={} gap_ms={} lease_ms={} reason=\"this node was paused or starved longer than its lease\"",
                    node.id(), (sent - lastTickNanos) / 1_000_000, settings.ttl().toMillis());
        }
        lastTickNanos = sent;
        try {
            store.heartbeat(node);
            readMembers(sent);
            long acquireSent = scheduler.nanoTime();
            Optional<Lease> lease = store.acquire(settings.lease(), node, settings.ttl());
            if (lease.isPresent() && lease.get().heldBy(node)) {
                renewed(lease.get(), acquireSent);
            } else {
                lastSeen = lease.isPresent() ? lease : store.find(settings.lease());
                Held h = held;
                if (h != null) {
                    depose(h, "the lease is held by " + lastSeen.map(l -> l.holder() + " with token " + l.token()).orElse("nobody"));
                }
            }
        } catch (RuntimeException e) {
            renewalFailures.incrementAndGet();
            log.warn("event=lease_renewal_failed node={} failures={} error=\"{}\"", node.id(), renewalFailures.get(), e.toString());
        } finally {
            checkDeadline();
            if (running) {
                nextTick = scheduler.schedule(settings.renew(), () -> submit(this::tick));
            }
        }
    }

    /**
     * A node counts as alive while its heartbeat is younger than {@code ttl - renew}: the others
     * notice a dead node at their next attempt, so its checks have moved within one lease.
     */
    private void readMembers(long sent) {
        Duration silence = settings.ttl().minus(settings.renew());
        List<String> alive = store.members().stream().filter(m -> m.aliveWithin(silence)).map(Member::nodeId).toList();
        live = new LiveView(alive, sent + settings.ttl().toNanos());
    }

    /**
     * The ids of the nodes alive at this node's last heartbeat, this node among them; empty when
     * that view is older than a lease (the store did not answer, or this node was paused), since
     * who is alive then is not known.
     */
    public Optional<List<String>> liveNodes() {
        LiveView v = live;
        return v != null && scheduler.nanoTime() - v.validUntilNanos < 0 ? Optional.of(v.nodes) : Optional.empty();
    }

    /**
     * Whether this node runs {@code check} now: it is the check's owner among the live nodes
     * ({@link CheckPlacement}), or it does not know who is alive (then it checks everything itself
     * rather than leave a check unrun).
     */
    public boolean runsCheck(String check) {
        return liveNodes().flatMap(nodes -> CheckPlacement.owner(check, nodes)).map(node.id()::equals).orElse(true);
    }

    private void renewed(Lease lease, long sent) {
        lastSeen = Optional.of(lease);
        if (!running) {
            store.release(settings.lease(), node, lease.token()); // close() ran while this renewal was under way
            return;
        }
        Held previous = held;
        Held next = new Held(lease.fencingToken(), sent + settings.ttl().toNanos());
        held = next;
        if (previous != null && previous.token.value() == next.token.value()) {
            return;
        }
        if (previous != null) {
            notifyDeposed(previous.token, "the lease lapsed and was acquired again under token " + next.token.value());
        }
        elections.incrementAndGet();
        log.info("event=leader_elected node={} lease={} epoch={}", node.id(), lease.name(), lease.token());
        for (Listener listener : listeners) {
            try {
                listener.elected(next.token);
            } catch (RuntimeException e) {
                log.error("event=election_listener_failed node={} error=\"{}\"", node.id(), e.toString(), e);
            }
        }
        long untilDeadline = next.deadlineNanos - scheduler.nanoTime();
        scheduler.schedule(Duration.ofNanos(Math.max(0, untilDeadline)), () -> submit(this::checkDeadline));
    }

    /** A renewal that did not come in time: stop leading, whatever the reason. */
    private void checkDeadline() {
        Held h = held;
        if (h != null && scheduler.nanoTime() - h.deadlineNanos >= 0) {
            depose(h, "the lease lapsed before it was renewed (the database did not answer, or this node was paused)");
        }
    }

    private void depose(Held h, String reason) {
        if (held != h) {
            return;
        }
        held = null;
        notifyDeposed(h.token, reason);
    }

    private void notifyDeposed(FencingToken token, String reason) {
        log.warn("event=leader_deposed node={} epoch={} reason=\"{}\"", node.id(), token.value(), reason);
        for (Listener listener : listeners) {
            try {
                listener.deposed(token, reason);
            } catch (RuntimeException e) {
                log.error("event=election_listener_failed node={} error=\"{}\"", node.id(), e.toString(), e);
            }
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (RuntimeException rejected) {
            log.warn("event=election_task_rejected node={} error=\"{}\"", node.id(), rejected.toString());
        }
    }

    /** Stops contending and hands the lease back, so that another node takes over at its next attempt. */
    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        nextTick.cancel();
        Held h = held;
        if (h != null) {
            held = null;
            try {
                store.release(settings.lease(), node, h.token.value());
            } catch (RuntimeException e) {
                log.warn("event=lease_release_failed node={} error=\"{}\"", node.id(), e.toString());
            }
            notifyDeposed(h.token, "this node is stopping");
        }
    }
}
