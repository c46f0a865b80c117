package dev.selfheal.alerting;

import dev.selfheal.alerting.routing.Delivery;
import dev.selfheal.alerting.routing.Dispatcher;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.alerting.routing.RoutedTo;
import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.alerting.rules.FlapDetector;
import dev.selfheal.alerting.rules.MaintenanceWindow;
import dev.selfheal.alerting.rules.SeverityRules;
import dev.selfheal.alerting.rules.Silence;
import dev.selfheal.alerting.rules.Silences;
import dev.selfheal.events.AlertStatusChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.SilenceExpiring;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert pipeline: a raw alert in, at most the
 * notifications a person needs out, and a recorded decision for every step.
 *
 * <p>Order for a firing signal: classify (severity, urgency) → find its open alert by
 * fingerprint (a repeat is a duplicate: "Similar alert recently processed"; a flapping one
 * is held) → flap check for a new episode → gates: silence, maintenance window, inhibition by
 * an upstream incident, healing grace → its group (Alertmanager's group wait, group interval,
 * repeat interval). Gates run again when the group is flushed, so a silence made, or healing
 * started, after the alert arrived still counts. Held alerts are looked at again every
 * {@code reevaluateEvery}, when a silence changes and when an incident changes.
 *
 * <p>Flap damping never loses an incident: an incident's alert held as flapping after its
 * fingerprint's one notice is kept aside and looked at again when its healing grace ends; if
 * the incident is still open then, it is told once, marked flapping. A told flapping alert's
 * resolved notice waits until the fingerprint has stopped flapping.
 *
 * <p>One lock guards the state; a flush hands notifications to the {@link Dispatcher},
 * whose channels run on its executor. Hot path for a duplicate: one hash lookup, one
 * classification, one decision.
 */
public final class IntelligentAlertManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntelligentAlertManager.class);

    private final Scheduler scheduler;
    private final EventBus bus;
    private final AlertStore store;
    private final AlertingSettings settings;
    private final SeverityRules severityRules;
    private final List<MaintenanceWindow> windows;
    private final DependencyGraph dependencies;
    private final RouteTree routes;
    private final Dispatcher dispatcher;
    private final Silences silences;
    private final TrackedIncidents incidents;
    private final IntSupplier degradationLevel;
    private final FlapDetector flaps;
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();

    private final Map<String, Alert> openByFingerprint = new HashMap<>();
    private final Map<String, String> fingerprintById = new HashMap<>();
    private final Map<String, List<RoutedTo>> routing = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, Integer> openAlertsByComponent = new HashMap<>();
    private final Set<String> flapNotified = new LinkedHashSet<>();
    private final Map<String, Instant> resolvePendingSince = new HashMap<>();
    private final Map<String, Cancellable> graceTimers = new HashMap<>();
    /** Incident alerts held as flapping after the fingerprint's notice went out, by incident id: looked at again at grace end. */
    private final Map<String, Alert> flapHeld = new LinkedHashMap<>();
    private final Map<String, Cancellable> flapRecheckTimers = new HashMap<>();
    /** Told flapping alerts whose incident resolved while the fingerprint still flapped: their resolved notice waits. */
    private final Map<String, DueNotice> resolvedNoticeDue = new HashMap<>();

    private record DueNotice(Alert resolved, String why) { }
    private Cancellable sweep = Cancellable.NONE;
    private boolean closed;

    private final AtomicLong raw = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong resolvedNotices = new AtomicLong();
    private final EnumMap<HoldReason, AtomicLong> holds = new EnumMap<>(HoldReason.class);

    private static final class Group {
        final String key;
        final RoutedTo route;
        final Set<String> members = new LinkedHashSet<>();
        final Set<String> pending = new LinkedHashSet<>();
        /** Critical alerts that resolved while waiting for this group's flush: told with it, marked resolved. */
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

    IntelligentAlertManager(Builder b) {
        this.scheduler = b.scheduler;
        this.bus = b.bus;
        this.store = b.store;
        this.settings = b.settings;
        this.severityRules = b.severityRules;
        this.windows = List.copyOf(b.windows);
        this.dependencies = b.dependencies;
        this.routes = b.routes;
        this.dispatcher = b.dispatcher;
        this.incidents = b.incidents;
        this.degradationLevel = b.degradationLevel;
        this.flaps = new FlapDetector(settings.flapThreshold(), settings.flapWindow());
        this.silences = new Silences(scheduler, bus, store, settings.silenceReminder());
        for (HoldReason r : HoldReason.values()) {
            holds.put(r, new AtomicLong());
        }
        for (String receiver : routes.receivers()) {
            if (!dispatcher.knows(receiver)) {
                throw new IllegalArgumentException("route names receiver '%s', which is not defined; receivers: %s"
                        .formatted(receiver, String.join(", ", dispatcher.receiverNames())));
            }
        }
        for (Alert a : store.open()) {
            openByFingerprint.put(a.fingerprint(), a);
            fingerprintById.put(a.id(), a.fingerprint());
            openAlertsByComponent.merge(a.component(), 1, Integer::sum);
        }
        settings.reminderReceiver().filter(r -> !dispatcher.knows(r)).ifPresent(r -> {
            throw new IllegalArgumentException("reminder-receiver names receiver '%s', which is not defined; receivers: %s"
                    .formatted(r, String.join(", ", dispatcher.receiverNames())));
        });
        silences.onChange(s -> reevaluateHeld());
        bus.subscribe(SilenceExpiring.class, this::remind);
    }

    /**
     * A silence ends soon: the reminder goes to the configured {@code reminder-receiver}, else to
     * whoever its alerts would reach: the receivers of the routes its equality matchers select
     * (so a silence on {@code team=data} reminds the data team), the root's when none is selected.
     */
    private void remind(SilenceExpiring e) {
        List<String> receivers = settings.reminderReceiver().map(List::of).orElseGet(() -> silences.find(e.silenceId())
                .map(s -> routes.route(s.impliedLabels()).stream().map(RoutedTo::receiver).distinct().toList())
                .filter(r -> !r.isEmpty()).orElse(List.of(routes.root().receiver().orElseThrow())));
        for (String receiver : receivers) {
            notify(new Notification(Notification.Kind.SILENCE_EXPIRING, receiver, "silence/" + e.silenceId(), List.of(),
                    "silence %s by %s ends at %s: %s".formatted(e.silenceId(), e.createdBy(), e.endsAt(), e.comment()), e.at()));
        }
    }

    public static Builder builder(Scheduler scheduler, EventBus bus, AlertStore store, RouteTree routes, Dispatcher dispatcher) {
        return new Builder(scheduler, bus, store, routes, dispatcher);
    }

    /** Starts the periodic look at held alerts; alerts restored from the store are queued again. */
    public synchronized IntelligentAlertManager start() {
        for (Alert a : List.copyOf(openByFingerprint.values())) {
            if (a.status() == AlertStatus.FIRING || a.status() == AlertStatus.HELD) {
                admit(a, now());
            }
        }
        armSweep();
        return this;
    }

    public void addListener(AlertListener listener) {
        listeners.add(listener);
    }

    public Silences silences() {
        return silences;
    }

    public TrackedIncidents incidents() {
        return incidents;
    }

    /** The severity and urgency rules this pipeline classifies with (type defaults included). */
    public SeverityRules severityRules() {
        return severityRules;
    }

    // ---- raw alerts in ---------------------------------------------------------------------

    /** Runs one raw alert through the pipeline; returns the alert as it now stands and the decision made. */
    public synchronized Decision process(AlertSignal signal) {
        raw.incrementAndGet();
        Instant now = now();
        String fp = signal.fingerprint();
        if (!signal.firing()) {
            return resolveSignal(fp, signal, now);
        }
        SeverityRules.Classification c = severityRules.classify(signal.problemType(), signal.severity(), signal.labels(),
                degradationLevel.getAsInt(), now);
        Alert existing = openByFingerprint.get(fp);
        if (existing != null) {
            resolvePendingSince.remove(fp);
            return repeat(existing, signal, c, now);
        }
        boolean flapping = flaps.fired(fp, now);
        Alert alert = new Alert("al-" + UUID.randomUUID().toString().substring(0, 13), fp, signal.component(),
                signal.problemType(), signal.labels(), c.severity(), c.urgency(), AlertStatus.FIRING, signal.incidentId(),
                signal.summary(), now, now, Optional.empty(), false, Optional.empty(), Set.of(), Optional.empty(), "",
                Optional.empty());
        if (flapping) {
            if (flapNotified.contains(fp)) {
                if (alert.incidentId().isPresent()) {
                    return holdFlappingIncident(alert.markFlapping(now), now);
                }
                return hold(alert, HoldReason.FLAPPING, "fired again while flapping", now, true);
            }
            alert = alert.markFlapping(now);
            flapNotified.add(fp);
        }
        openByFingerprint.put(fp, alert);
        fingerprintById.put(alert.id(), fp);
        openAlertsByComponent.merge(alert.component(), 1, Integer::sum);
        store.save(alert);
        publish(alert, "none", "raised");
        return admit(alert, now);
    }

    /**
     * An incident's alert fired while its fingerprint flaps and the fingerprint's one flapping
     * notice has gone out. Discarding it, as a signal's repeat is, would lose the incident if it
     * then stays open (escalated, or waiting for an approval nobody gives): the notice was about
     * earlier episodes. So it is kept aside and looked at again when its healing grace ends.
     */
    private Decision holdFlappingIncident(Alert alert, Instant now) {
        String incidentId = alert.incidentId().orElseThrow();
        Alert already = flapHeld.get(incidentId);
        if (already != null) {
            return record(Decision.held(already, now, HoldReason.FLAPPING, "fired again while flapping"), HoldReason.FLAPPING);
        }
        Instant at = alert.startsAt().plus(settings.healingGrace());
        String detail = "fired again while flapping; looked at again at %s, told then if incident %s is still open"
                .formatted(at, incidentId);
        Alert held = alert.held(HoldReason.FLAPPING, detail, now);
        flapHeld.put(incidentId, held);
        Duration delay = Duration.between(now, at);
        flapRecheckTimers.put(incidentId, scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay,
                () -> recheckFlapHeld(incidentId)));
        store.save(held);
        return record(Decision.held(held, now, HoldReason.FLAPPING, detail), HoldReason.FLAPPING);
    }

    /** The healing grace of an incident alert held as flapping ended: told once, marked flapping, if its incident is open. */
    private synchronized void recheckFlapHeld(String incidentId) {
        flapRecheckTimers.remove(incidentId);
        Alert held = flapHeld.get(incidentId);
        if (held == null || closed) {
            return;
        }
        Instant now = now();
        if (incidents.state(incidentId).isEmpty()) {
            flapHeld.remove(incidentId);
            Alert done = held.with(AlertStatus.RESOLVED, now);
            store.save(done);
            store.record(Decision.of(done, now, Decision.Outcome.RESOLVED_QUIETLY, "held as flapping; incident " + incidentId
                    + " was resolved within its healing grace, nobody had been told (its fingerprint's flapping notice had)",
                    List.of()));
            return;
        }
        Alert other = openByFingerprint.get(held.fingerprint());
        if (other != null) {
            // the fingerprint has an open alert of another incident: looked at again when that one resolves
            store.record(Decision.held(held, now, HoldReason.FLAPPING, "incident %s is still open, but alert %s of the same "
                    .formatted(incidentId, other.id()) + "fingerprint is open; looked at again when it resolves"));
            return;
        }
        flapHeld.remove(incidentId);
        Alert still = held.reclassified(held.severity(), held.urgency(), "still open after its healing grace, while flapping: "
                + held.summary(), held.incidentId(), now);
        openByFingerprint.put(still.fingerprint(), still);
        fingerprintById.put(still.id(), still.fingerprint());
        openAlertsByComponent.merge(still.component(), 1, Integer::sum);
        store.save(still);
        store.record(Decision.of(still, now, Decision.Outcome.HELD, "flapping hold looked at again at the end of its healing "
                + "grace: incident " + incidentId + " is still open, so it is told once, marked flapping", List.of()));
        admit(still, now);
    }

    /** A fingerprint's open alert resolved: incident alerts of it held as flapping whose grace has ended are looked at again. */
    private void recheckFlapHeldOf(String fingerprint, Instant now) {
        for (Alert a : List.copyOf(flapHeld.values())) {
            if (a.fingerprint().equals(fingerprint) && !now.isBefore(a.startsAt().plus(settings.healingGrace()))
                    && !flapRecheckTimers.containsKey(a.incidentId().orElseThrow())) {
                recheckFlapHeld(a.incidentId().orElseThrow());
                return;
            }
        }
    }

    private Decision repeat(Alert existing, AlertSignal signal, SeverityRules.Classification c, Instant now) {
        if (existing.flapping()) {
            return record(Decision.held(existing, now, HoldReason.FLAPPING, "already sent once as flapping"), HoldReason.FLAPPING);
        }
        if (c.severity().compareTo(existing.severity()) > 0 || c.urgency().compareTo(existing.urgency()) > 0
                || existing.incidentId().isEmpty() && signal.incidentId().isPresent()) {
            Alert changed = existing.reclassified(AlertSeverity.worse(c.severity(), existing.severity()), c.urgency(),
                    signal.summary(), signal.incidentId(), now);
            replace(changed);
            if (changed.status() == AlertStatus.ACKNOWLEDGED) {
                return record(Decision.held(changed, now, HoldReason.ACKNOWLEDGED, "worsened after acknowledgement"),
                        HoldReason.ACKNOWLEDGED);
            }
            return admit(changed, now);
        }
        if (existing.status() == AlertStatus.HELD && existing.hold().filter(h -> h != HoldReason.DUPLICATE).isPresent()) {
            return admit(existing, now);
        }
        return record(Decision.held(existing, now, HoldReason.DUPLICATE, ""), HoldReason.DUPLICATE);
    }

    /** Gates, then the group; the decision says which. */
    private Decision admit(Alert alert, Instant now) {
        Optional<Decision> held = gate(alert, now);
        if (held.isPresent()) {
            return held.get();
        }
        if (alert.status() == AlertStatus.HELD) {
            Alert released = alert.with(AlertStatus.FIRING, now);
            replace(released);
            publish(released, "held", "released: " + alert.hold().map(HoldReason::text).orElse("") + " no longer applies");
            alert = released;
        }
        List<RoutedTo> targets = routesOf(alert);
        for (RoutedTo to : targets) {
            enqueue(alert, to, now);
        }
        return Decision.of(alert, now, Decision.Outcome.HELD, HoldReason.GROUP_WAIT.text(), List.of());
    }

    private Optional<Decision> gate(Alert alert, Instant now) {
        Map<String, String> labels = alert.allLabels();
        Optional<Silence> silence = silences.matching(labels, now);
        if (silence.isPresent()) {
            Silence s = silence.get();
            return Optional.of(hold(alert, HoldReason.SILENCED, "%s by %s until %s (%s)".formatted(s.id(), s.createdBy(),
                    s.endsAt(), s.comment()), now, false));
        }
        for (MaintenanceWindow w : windows) {
            if (w.covers(labels, now)) {
                return Optional.of(hold(alert, HoldReason.MAINTENANCE, w.name(), now, false));
            }
        }
        Optional<String> upstream = dependencies.blockingUpstream(alert.component(),
                c -> incidents.hasOpenIncident(c) || openAlertsByComponent.getOrDefault(c, 0) > 0);
        if (upstream.isPresent()) {
            String u = upstream.get();
            return Optional.of(hold(alert, HoldReason.INHIBITED, "upstream %s%s".formatted(u,
                    incidents.openIncidentOf(u).map(id -> " has open incident " + id).orElse(" is alerting")), now, false));
        }
        if (alert.incidentId().isPresent() && alert.severity().compareTo(AlertSeverity.CRITICAL) < 0
                && incidents.state(alert.incidentId().get()).filter(s -> s == IncidentState.MITIGATING).isPresent()) {
            Instant until = alert.startsAt().plus(settings.healingGrace());
            if (now.isBefore(until)) {
                armGrace(alert.fingerprint(), Duration.between(now, until));
                return Optional.of(hold(alert, HoldReason.HEALING, "incident %s is mitigating; sent at %s unless resolved"
                        .formatted(alert.incidentId().get(), until), now, false));
            }
        }
        return Optional.empty();
    }

    /** Whether a silence or a maintenance window covers the alert now (a sent alert's repeats then stop). */
    private boolean muted(Alert alert, Instant now) {
        Map<String, String> labels = alert.allLabels();
        return silences.matching(labels, now).isPresent() || windows.stream().anyMatch(w -> w.covers(labels, now));
    }

    private Decision hold(Alert alert, HoldReason reason, String detail, Instant now, boolean transientAlert) {
        Decision d = Decision.held(alert, now, reason, detail);
        if (!transientAlert && alert.status() != AlertStatus.SENT && alert.status() != AlertStatus.ACKNOWLEDGED) {
            boolean changed = alert.status() != AlertStatus.HELD || alert.hold().filter(reason::equals).isEmpty();
            Alert held = alert.held(reason, detail, now);
            replace(held);
            if (changed) {
                publish(held, alert.status().label(), reason.text());
            }
            d = Decision.held(held, now, reason, detail);
        } else if (transientAlert) {
            store.save(alert.held(reason, detail, now).with(AlertStatus.RESOLVED, now));
        }
        return record(d, reason);
    }

    private Decision record(Decision d, HoldReason reason) {
        holds.get(reason).incrementAndGet();
        store.record(d);
        return d;
    }

    // ---- groups -----------------------------------------------------------------------------

    private void enqueue(Alert alert, RoutedTo to, Instant now) {
        String key = groupKey(alert, to);
        Group g = groups.computeIfAbsent(key, k -> new Group(k, to));
        g.members.add(alert.fingerprint());
        g.pending.add(alert.fingerprint());
        if (!g.armed) {
            Duration delay = g.flushedOnce ? Duration.between(now, g.lastFlush.plus(to.groupInterval())) : to.groupWait();
            arm(g, delay.isNegative() ? Duration.ZERO : delay);
        }
    }

    private void arm(Group g, Duration delay) {
        g.armed = true;
        g.timer = scheduler.schedule(delay, () -> flush(g.key));
    }

    private synchronized void flush(String key) {
        Group g = groups.get(key);
        if (g == null || closed) {
            return;
        }
        g.armed = false;
        Instant now = now();
        List<Alert> toSend = new ArrayList<>();
        for (var it = g.members.iterator(); it.hasNext(); ) {
            String fp = it.next();
            Alert a = openByFingerprint.get(fp);
            if (a == null) {
                it.remove();
                continue;
            }
            boolean due = g.pending.contains(fp) || a.status() == AlertStatus.SENT && a.lastNotifiedAt()
                    .filter(t -> !now.isBefore(t.plus(g.route.repeatInterval()))).isPresent();
            if (!due || a.status() == AlertStatus.ACKNOWLEDGED) {
                continue;
            }
            if (a.status() == AlertStatus.SENT && !g.pending.contains(fp) && muted(a, now)) {
                store.record(Decision.held(a, now, HoldReason.SILENCED, "repeat skipped: silenced or in maintenance"));
                continue;
            }
            if (a.status() != AlertStatus.SENT && gate(a, now).isPresent()) {
                it.remove();
                continue;
            }
            toSend.add(a);
        }
        g.pending.clear();
        g.flushedOnce = true;
        g.lastFlush = now;
        List<Alert> resolvedToo = List.copyOf(g.resolvedUnsent);
        g.resolvedUnsent.clear();
        if (!toSend.isEmpty() || !resolvedToo.isEmpty()) {
            send(g, toSend, resolvedToo, now);
        }
        if (g.members.isEmpty()) {
            groups.remove(key);
        } else {
            arm(g, g.route.groupInterval());
        }
    }

    private void send(Group g, List<Alert> alerts, List<Alert> resolvedToo, Instant now) {
        String receiver = g.route.receiver();
        List<Alert> sent = new ArrayList<>(alerts.size() + resolvedToo.size());
        for (Alert a : alerts) {
            boolean first = a.lastNotifiedAt().isEmpty();
            Alert notified = a.notified(Set.of(receiver), now);
            replace(notified);
            sent.add(notified);
            store.record(Decision.of(notified, now, Decision.Outcome.SENT, first ? "sent" : "repeat", List.of(receiver)));
            if (a.status() != notified.status()) {
                publish(notified, a.status().label(), "sent to " + receiver);
            }
            if (first) {
                for (AlertListener l : listeners) {
                    l.firstSent(notified, g.route.escalationPolicy());
                }
            }
        }
        for (Alert r : resolvedToo) {
            store.record(Decision.of(r, now, Decision.Outcome.SENT, "sent resolved: a critical alert, or one whose healing grace "
                    + "had ended, is told even when it resolved before its group was sent", List.of(receiver)));
        }
        List<Alert> told = new ArrayList<>(sent);
        told.addAll(resolvedToo);
        notifications.incrementAndGet();
        Notification n = new Notification(Notification.Kind.FIRING, receiver, g.key, told, "", now);
        dispatcher.deliver(n, d -> delivered(sent, d));
    }

    private synchronized void delivered(List<Alert> alerts, Delivery d) {
        for (Alert sent : alerts) {
            String fp = fingerprintById.get(sent.id());
            Alert current = fp == null ? null : openByFingerprint.get(fp);
            if (current == null || !current.id().equals(sent.id())) {
                continue;
            }
            Set<String> told = new LinkedHashSet<>(current.told());
            if (d.delivered() && !d.deliveredBy().get().equals(d.receiver())) {
                told.remove(d.receiver());
                told.add(d.deliveredBy().get());
                store.record(Decision.of(current, now(), Decision.Outcome.SENT, "fell back from " + d.receiver(),
                        List.of(d.deliveredBy().get())));
            } else if (!d.delivered()) {
                told.remove(d.receiver());
                store.record(Decision.held(current, now(), HoldReason.DELIVERY_FAILED, d.receiver() + ": " + d.error()));
            } else {
                continue;
            }
            replace(new Alert(current.id(), current.fingerprint(), current.component(), current.problemType(), current.labels(),
                    current.severity(), current.urgency(), current.status(), current.incidentId(), current.summary(),
                    current.startsAt(), current.updatedAt(), current.endsAt(), current.flapping(), current.lastNotifiedAt(),
                    told, current.hold(), current.holdDetail(), current.acknowledgedBy()));
        }
    }

    // ---- resolution, acknowledgement ---------------------------------------------------------

    private Decision resolveSignal(String fp, AlertSignal signal, Instant now) {
        Alert alert = openByFingerprint.get(fp);
        boolean flapping = flaps.resolved(fp, now);
        if (alert == null) {
            return new Decision("none", fp, signal.component(), now, Decision.Outcome.RESOLVED_QUIETLY, Optional.empty(),
                    "no open alert with this fingerprint", List.of());
        }
        if (flapping && alert.flapping()) {
            resolvePendingSince.put(fp, now);
            scheduler.schedule(settings.flapWindow(), () -> resolveIfQuiet(fp));
            return record(Decision.held(alert, now, HoldReason.FLAPPING, "resolved while flapping; resolves after %s quiet"
                    .formatted(settings.flapWindow())), HoldReason.FLAPPING);
        }
        return resolve(alert, "resolved at source", now);
    }

    private synchronized void resolveIfQuiet(String fp) {
        Instant since = resolvePendingSince.get(fp);
        Instant now = now();
        if (since != null && !flaps.isFlapping(fp, now) && !now.isBefore(since.plus(settings.flapWindow()))) {
            resolvePendingSince.remove(fp);
            flapNotified.remove(fp);
            Alert a = openByFingerprint.get(fp);
            if (a != null) {
                resolve(a, "stopped flapping and stayed resolved", now);
            }
        } else if (since != null) {
            scheduler.schedule(settings.flapWindow(), () -> resolveIfQuiet(fp));
        }
    }

    private Decision resolve(Alert alert, String why, Instant now) {
        Alert resolved = alert.with(AlertStatus.RESOLVED, now);
        openByFingerprint.remove(alert.fingerprint());
        fingerprintById.remove(alert.id());
        routing.remove(alert.fingerprint());
        openAlertsByComponent.computeIfPresent(alert.component(), (k, v) -> v <= 1 ? null : v - 1);
        Optional.ofNullable(graceTimers.remove(alert.fingerprint())).ifPresent(Cancellable::cancel);
        store.save(resolved);
        publish(resolved, alert.status().label(), why);
        for (AlertListener l : listeners) {
            l.closed(resolved, AlertStatus.RESOLVED);
        }
        Decision d;
        if (alert.told().isEmpty() && tellWithGroup(alert, resolved)) {
            d = Decision.of(resolved, now, Decision.Outcome.RESOLVED_QUIETLY, why + "; nobody had been told yet: "
                    + alert.severity().label() + ", so it goes out, marked resolved, with its group's next message", List.of());
        } else if (alert.told().isEmpty()) {
            if (alert.flapping()) {
                // its one flapping notice never went out: the fingerprint's next firing while flapping may be it
                flapNotified.remove(alert.fingerprint());
            }
            d = Decision.of(resolved, now, Decision.Outcome.RESOLVED_QUIETLY, why + "; nobody had been told"
                    + alert.hold().map(h -> " (held: " + h.text() + ")").orElse(""), List.of());
        } else if (alert.flapping() && flaps.isFlapping(alert.fingerprint(), now)) {
            // "resolved" would be wrong while the fingerprint keeps cycling: said once it has been quiet a whole window
            resolvedNoticeDue.put(alert.fingerprint(), new DueNotice(resolved, why));
            scheduler.schedule(settings.flapWindow(), () -> resolvedNoticeIfQuiet(alert.fingerprint()));
            d = Decision.of(resolved, now, Decision.Outcome.RESOLVED_QUIETLY, why + "; its fingerprint is still flapping, so the "
                    + "resolved notice to " + String.join(", ", alert.told()) + " waits until it has been quiet for "
                    + settings.flapWindow(), List.of());
        } else {
            if (alert.flapping()) {
                // it stopped flapping: the fingerprint's next flapping episode gets its own notice
                flapNotified.remove(alert.fingerprint());
            }
            d = tellResolved(resolved, alert.told(), why, now);
        }
        store.record(d);
        recheckFlapHeldOf(alert.fingerprint(), now);
        if (!dependencies.edges().isEmpty() && openAlertsByComponent.getOrDefault(alert.component(), 0) == 0) {
            reevaluateHeld();
        }
        return d;
    }

    /**
     * The resolved notice of a told flapping alert, kept back while its fingerprint flapped: sent
     * once the fingerprint has been quiet for a whole flap window (its one flapping notice is then
     * free again); dropped when a newer alert of the fingerprint has been told meanwhile, whose own
     * resolved notice will follow.
     */
    private synchronized void resolvedNoticeIfQuiet(String fp) {
        DueNotice due = resolvedNoticeDue.get(fp);
        if (due == null || closed) {
            return;
        }
        Instant now = now();
        Alert newer = openByFingerprint.get(fp);
        Alert r = due.resolved();
        if (newer != null && !newer.told().isEmpty()) {
            resolvedNoticeDue.remove(fp);
            store.record(Decision.of(r, now, Decision.Outcome.RESOLVED_QUIETLY, "resolved notice dropped: alert " + newer.id()
                    + " of the same fingerprint has been told since", List.of()));
            return;
        }
        if (newer != null || flaps.isFlapping(fp, now)) {
            scheduler.schedule(settings.flapWindow(), () -> resolvedNoticeIfQuiet(fp));
            return;
        }
        resolvedNoticeDue.remove(fp);
        flapNotified.remove(fp);
        String why = due.why() + "; its fingerprint stopped flapping";
        store.record(tellResolved(r, r.told(), why, now));
    }

    /** One resolved notice to each receiver that was told of the alert; the decision that says so. */
    private Decision tellResolved(Alert resolved, Collection<String> receivers, String why, Instant now) {
        List<String> told = List.copyOf(receivers);
        for (String receiver : told) {
            resolvedNotices.incrementAndGet();
            notifications.incrementAndGet();
            dispatcher.deliver(new Notification(Notification.Kind.RESOLVED, receiver, "resolved/" + resolved.fingerprint(),
                    List.of(resolved), why, now), x -> { });
        }
        return Decision.of(resolved, now, Decision.Outcome.RESOLVED_NOTICE, why, told);
    }

    /**
     * A critical (or worse) alert is always told, healing or not, and so is an incident's alert
     * whose healing grace ended before its incident resolved; one that resolves while still
     * waiting in its group (group wait or interval, not held by a silence, a window or an
     * upstream incident) would otherwise vanish untold. It stays in the group and goes out with
     * the group's next message, marked resolved: one message, not a page and then a resolved notice.
     */
    private boolean tellWithGroup(Alert alert, Alert resolved) {
        boolean graceEnded = alert.incidentId().isPresent()
                && !resolved.updatedAt().isBefore(alert.startsAt().plus(settings.healingGrace()));
        if (alert.status() != AlertStatus.FIRING || !alert.severity().atLeast(AlertSeverity.CRITICAL) && !graceEnded) {
            return false;
        }
        boolean queued = false;
        for (Group g : groups.values()) {
            if (g.pending.contains(alert.fingerprint()) && g.armed) {
                g.resolvedUnsent.add(resolved);
                queued = true;
            }
        }
        return queued;
    }

    /** Resolves an alert by hand; the resolved notice goes to everyone who was told. */
    public synchronized Alert resolve(String alertId, String by) {
        Alert a = requireOpen(alertId);
        resolve(a, "resolved by " + by, now());
        return store.find(alertId).orElseThrow();
    }

    /** Acknowledges an alert: escalation stops, repeats stop, the receivers that were told hear who took it. */
    public synchronized Alert acknowledge(String alertId, String by) {
        Alert a = requireOpen(alertId);
        if (a.status() == AlertStatus.ACKNOWLEDGED) {
            return a;
        }
        Instant now = now();
        Alert acked = a.acknowledged(by, now);
        replace(acked);
        publish(acked, a.status().label(), "acknowledged by " + by);
        store.record(Decision.of(acked, now, Decision.Outcome.ACKNOWLEDGED, "acknowledged by " + by, List.copyOf(a.told())));
        for (String receiver : a.told()) {
            notifications.incrementAndGet();
            dispatcher.deliver(new Notification(Notification.Kind.ACKNOWLEDGED, receiver, "ack/" + a.fingerprint(),
                    List.of(acked), "acknowledged by " + by, now), x -> { });
        }
        for (AlertListener l : listeners) {
            l.closed(acked, AlertStatus.ACKNOWLEDGED);
        }
        return acked;
    }

    /** Resolves every open alert of an incident (the incident resolved, by hand or by healing). */
    public synchronized int resolveIncident(String incidentId, String why) {
        Instant now = now();
        int n = 0;
        for (Alert a : List.copyOf(openByFingerprint.values())) {
            if (a.incidentId().filter(incidentId::equals).isPresent()) {
                resolvePendingSince.remove(a.fingerprint());
                resolve(a, why, now);
                n++;
            }
        }
        reevaluateHeld();
        return n;
    }

    /** Looks at every held alert again (a silence ended, an incident changed state, a window closed). */
    public synchronized void reevaluateHeld() {
        Instant now = now();
        for (Alert a : List.copyOf(openByFingerprint.values())) {
            if (a.status() == AlertStatus.HELD && a.hold().filter(h -> h != HoldReason.FLAPPING).isPresent()) {
                admit(a, now);
            }
        }
    }

    /** Sends an extra notification about an alert (escalation, reminders) to a receiver; counted as a notification. */
    public void notify(Notification notification) {
        notifications.incrementAndGet();
        dispatcher.deliver(notification, d -> { });
    }

    // ---- reads --------------------------------------------------------------------------------

    public synchronized List<Alert> open() {
        return List.copyOf(openByFingerprint.values());
    }

    public synchronized Optional<Alert> find(String alertId) {
        String fp = fingerprintById.get(alertId);
        return fp != null ? Optional.ofNullable(openByFingerprint.get(fp)) : store.find(alertId);
    }

    /** The latest alerts from the store, newest first, resolved ones included. */
    public List<Alert> recent(int limit) {
        return store.recent(limit);
    }

    public List<Decision> decisions(String alertId) {
        return store.decisions(alertId);
    }

    public long rawAlerts() {
        return raw.get();
    }

    /** Notifications handed to receivers: grouped firing messages, resolved, acknowledged and escalation notices. */
    public long notificationsSent() {
        return notifications.get();
    }

    public long resolvedNotices() {
        return resolvedNotices.get();
    }

    public long held(HoldReason reason) {
        return holds.get(reason).get();
    }

    public synchronized int groupCount() {
        return groups.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        sweep.cancel();
        groups.values().forEach(g -> g.timer.cancel());
        graceTimers.values().forEach(Cancellable::cancel);
        flapRecheckTimers.values().forEach(Cancellable::cancel);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Alert requireOpen(String alertId) {
        String fp = fingerprintById.get(alertId);
        Alert a = fp == null ? null : openByFingerprint.get(fp);
        if (a == null) {
            if (store.find(alertId).isPresent()) {
                throw new IllegalStateException("alert '%s' is already resolved".formatted(alertId));
            }
            throw new NoSuchElementException("no alert '%s'".formatted(alertId));
        }
        return a;
    }

    private List<RoutedTo> routesOf(Alert alert) {
        List<RoutedTo> r = routing.get(alert.fingerprint());
        if (r == null) {
            r = routes.route(alert.allLabels());
            routing.put(alert.fingerprint(), r);
        }
        return r;
    }

    private static String groupKey(Alert alert, RoutedTo to) {
        StringBuilder b = new StringBuilder(to.path()).append('{');
        Map<String, String> labels = to.groupBy().isEmpty() ? Map.of() : alert.allLabels();
        for (String l : to.groupBy()) {
            b.append(l).append('=').append(labels.getOrDefault(l, "")).append(',');
        }
        return b.append('}').toString();
    }

    private void replace(Alert alert) {
        Alert before = openByFingerprint.put(alert.fingerprint(), alert);
        if (before != null && before.status() != alert.status() && !before.status().canMoveTo(alert.status())) {
            throw new IllegalStateException("alert %s cannot move from %s to %s".formatted(alert.id(), before.status(), alert.status()));
        }
        store.save(alert);
    }

    private void armGrace(String fp, Duration delay) {
        if (graceTimers.containsKey(fp)) {
            return;
        }
        graceTimers.put(fp, scheduler.schedule(delay, () -> {
            synchronized (this) {
                graceTimers.remove(fp);
                Alert a = openByFingerprint.get(fp);
                if (a != null && a.status() == AlertStatus.HELD) {
                    admit(a, now());
                }
            }
        }));
    }

    private void armSweep() {
        sweep = scheduler.schedule(settings.reevaluateEvery(), () -> {
            try {
                reevaluateHeld();
                flaps.prune(now());
            } catch (RuntimeException e) {
                log.error("event=alert_sweep_failed error=\"{}\"", e.toString(), e);
            }
            synchronized (this) {
                if (!closed) {
                    armSweep();
                }
            }
        });
    }

    private void publish(Alert alert, String from, String reason) {
        bus.publish(new AlertStatusChanged(alert.id(), alert.fingerprint(), alert.component(), from, alert.status().label(),
                reason, alert.updatedAt()));
    }

    private Instant now() {
        return scheduler.clock().instant();
    }

    /** Builds the pipeline; only the scheduler, bus, store, routes and dispatcher are required. */
    public static final class Builder {
        private final Scheduler scheduler;
        private final EventBus bus;
        private final AlertStore store;
        private final RouteTree routes;
        private final Dispatcher dispatcher;
        private AlertingSettings settings = AlertingSettings.DEFAULT;
        private SeverityRules severityRules = SeverityRules.DEFAULT;
        private List<MaintenanceWindow> windows = List.of();
        private DependencyGraph dependencies = DependencyGraph.EMPTY;
        private TrackedIncidents incidents = new TrackedIncidents();
        private IntSupplier degradationLevel = () -> 0;

        Builder(Scheduler scheduler, EventBus bus, AlertStore store, RouteTree routes, Dispatcher dispatcher) {
            this.scheduler = scheduler;
            this.bus = bus;
            this.store = store;
            this.routes = routes;
            this.dispatcher = dispatcher;
        }

        public Builder settings(AlertingSettings value) {
            settings = value;
            return this;
        }

        public Builder severityRules(SeverityRules value) {
            severityRules = value;
            return this;
        }

        public Builder maintenance(List<MaintenanceWindow> value) {
            windows = value;
            return this;
        }

        public Builder dependencies(DependencyGraph value) {
            dependencies = value;
            return this;
        }

        public Builder incidents(TrackedIncidents value) {
            incidents = value;
            return this;
        }

        /** The current degradation level (0-4), e.g. {@code () -> degradation.level().number()}. */
        public Builder degradationLevel(IntSupplier value) {
            degradationLevel = value;
            return this;
        }

        public IntelligentAlertManager build() {
            return new IntelligentAlertManager(this);
        }
    }
}
