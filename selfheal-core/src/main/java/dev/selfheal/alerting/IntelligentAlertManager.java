package dev.selfheal.alerting;

import dev.selfheal.alerting.routing.Delivery;
import dev.selfheal.alerting.routing.Dispatcher;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.alerting.rules.MaintenanceWindow;
import dev.selfheal.alerting.rules.SeverityRules;
import dev.selfheal.alerting.rules.Silences;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.SilenceExpiring;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
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
 * <p>This class is the coordinator: it decides the order above, and each step's state lives
 * with the part that owns that job: {@link OpenAlerts} (deduplication), {@link FlapHolds}
 * (flap damping), {@link Gates} (silence, maintenance, inhibition, healing grace),
 * {@link Groups} (group timers), {@link Notices} and {@link DeliveryFallback} (delivery),
 * {@link SilenceReminders}. The parts are not thread-safe: the manager's one lock guards them
 * all, and their timers call back into the manager. Channels run on the {@link Dispatcher}'s
 * executor. Hot path for a duplicate: one hash lookup, one classification, one decision.
 */
public final class IntelligentAlertManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntelligentAlertManager.class);

    private final Scheduler scheduler;
    private final EventBus bus;
    private final AlertStore store;
    private final Ledger ledger;
    private final OpenAlerts open;
    private final SeverityRules severityRules;
    private final Silences silences;
    private final TrackedIncidents incidents;
    private final IntSupplier degradationLevel;
    private final Duration reevaluateEvery;
    private final FlapHolds flaps;
    private final Gates gates;
    private final Groups groups;
    private final Notices notices;
    private final SilenceReminders reminders;
    private final FlappingIncidents flappingIncidents;
    private final Resolutions resolutions;

    private Cancellable sweep = Cancellable.NONE;
    private final AtomicLong raw = new AtomicLong();

    IntelligentAlertManager(Builder b) {
        this.scheduler = b.scheduler;
        this.bus = b.bus;
        this.store = b.store;
        this.ledger = new Ledger(this, store, bus);
        this.open = ledger.open;
        this.severityRules = b.severityRules;
        this.incidents = b.incidents;
        this.degradationLevel = b.degradationLevel;
        AlertingSettings settings = b.settings;
        this.reevaluateEvery = settings.reevaluateEvery();
        for (String receiver : b.routes.receivers()) {
            if (!b.dispatcher.knows(receiver)) {
                throw new IllegalArgumentException("route names receiver '%s', which is not defined; receivers: %s"
                        .formatted(receiver, String.join(", ", b.dispatcher.receiverNames())));
            }
        }
        settings.reminderReceiver().filter(r -> !b.dispatcher.knows(r)).ifPresent(r -> {
            throw new IllegalArgumentException("reminder-receiver names receiver '%s', which is not defined; receivers: %s"
                    .formatted(r, String.join(", ", b.dispatcher.receiverNames())));
        });
        this.silences = new Silences(scheduler, bus, store, settings.silenceReminder());
        this.flaps = new FlapHolds(settings.flapThreshold(), settings.flapWindow(), settings.healingGrace(), scheduler);
        this.gates = new Gates(silences, b.windows, b.dependencies, incidents, open::openIn, settings.healingGrace(),
                scheduler, this::graceEnded);
        this.groups = new Groups(b.routes, scheduler, this::flush);
        this.notices = new Notices(b.dispatcher);
        this.reminders = new SilenceReminders(settings.reminderReceiver(), silences, b.routes);
        this.flappingIncidents = new FlappingIncidents(ledger, flaps, incidents, scheduler.clock(), this::admit);
        this.resolutions = new Resolutions(ledger, flaps, groups, gates, notices, flappingIncidents, scheduler.clock(),
                !b.dependencies.edges().isEmpty(), this::reevaluateHeld);
        for (Alert a : store.open()) {
            open.add(a);
        }
        silences.onChange(s -> reevaluateHeld());
        bus.subscribe(SilenceExpiring.class, e -> reminders.reminders(e).forEach(this::notify));
    }

    public static Builder builder(Scheduler scheduler, EventBus bus, AlertStore store, RouteTree routes, Dispatcher dispatcher) {
        return new Builder(scheduler, bus, store, routes, dispatcher);
    }

    /** Starts the periodic look at held alerts; alerts restored from the store are queued again. */
    public synchronized IntelligentAlertManager start() {
        for (Alert a : open.all()) {
            if (a.status() == AlertStatus.FIRING || a.status() == AlertStatus.HELD) {
                admit(a, now());
            }
        }
        armSweep();
        return this;
    }

    public void addListener(AlertListener listener) {
        ledger.listeners.add(listener);
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
            return resolutions.signalResolved(fp, signal, now);
        }
        SeverityRules.Classification c = severityRules.classify(signal.problemType(), signal.severity(), signal.labels(),
                degradationLevel.getAsInt(), now);
        Alert existing = open.get(fp);
        if (existing != null) {
            flaps.cancelResolve(fp);
            return repeat(existing, signal, c, now);
        }
        boolean flapping = flaps.fired(fp, now);
        Alert alert = Alert.raised(signal, c.severity(), c.urgency(), now);
        if (flapping) {
            if (flaps.noticed(fp)) {
                if (alert.incidentId().isPresent()) {
                    return flappingIncidents.hold(alert.markFlapping(now), now);
                }
                return hold(alert, new Gates.Hold(HoldReason.FLAPPING, "fired again while flapping"), now, true);
            }
            alert = alert.markFlapping(now);
            flaps.markNoticed(fp);
        }
        open.add(alert);
        store.save(alert);
        publish(alert, "none", "raised");
        return admit(alert, now);
    }

    private Decision repeat(Alert existing, AlertSignal signal, SeverityRules.Classification c, Instant now) {
        if (existing.flapping()) {
            return ledger.record(Decision.held(existing, now, HoldReason.FLAPPING, "already sent once as flapping"), HoldReason.FLAPPING);
        }
        if (c.severity().compareTo(existing.severity()) > 0 || c.urgency().compareTo(existing.urgency()) > 0
                || existing.incidentId().isEmpty() && signal.incidentId().isPresent()) {
            Alert changed = existing.reclassified(AlertSeverity.worse(c.severity(), existing.severity()), c.urgency(),
                    signal.summary(), signal.incidentId(), now);
            replace(changed);
            if (changed.status() == AlertStatus.ACKNOWLEDGED) {
                return ledger.record(Decision.held(changed, now, HoldReason.ACKNOWLEDGED, "worsened after acknowledgement"),
                        HoldReason.ACKNOWLEDGED);
            }
            return admit(changed, now);
        }
        if (existing.status() == AlertStatus.HELD && existing.hold().filter(h -> h != HoldReason.DUPLICATE).isPresent()) {
            return admit(existing, now);
        }
        return ledger.record(Decision.held(existing, now, HoldReason.DUPLICATE, ""), HoldReason.DUPLICATE);
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
        groups.enqueue(alert, now);
        return Decision.of(alert, now, Decision.Outcome.HELD, HoldReason.GROUP_WAIT.text(), List.of());
    }

    /** The first gate that holds the alert, applied: the alert is held and the decision recorded. */
    private Optional<Decision> gate(Alert alert, Instant now) {
        return gates.check(alert, now).map(h -> hold(alert, h, now, false));
    }

    private Decision hold(Alert alert, Gates.Hold h, Instant now, boolean transientAlert) {
        HoldReason reason = h.reason();
        Decision d = Decision.held(alert, now, reason, h.detail());
        if (!transientAlert && alert.status() != AlertStatus.SENT && alert.status() != AlertStatus.ACKNOWLEDGED) {
            boolean changed = alert.status() != AlertStatus.HELD || alert.hold().filter(reason::equals).isEmpty();
            Alert held = alert.held(reason, h.detail(), now);
            replace(held);
            if (changed) {
                publish(held, alert.status().label(), reason.text());
            }
            d = Decision.held(held, now, reason, h.detail());
        } else if (transientAlert) {
            store.save(alert.held(reason, h.detail(), now).with(AlertStatus.RESOLVED, now));
        }
        return ledger.record(d, reason);
    }

    // ---- groups and delivery ----------------------------------------------------------------

    private synchronized void flush(String key) {
        if (ledger.closed()) {
            return;
        }
        Groups.Batch batch = groups.flush(key, now(), open::get, this::sift);
        if (batch != null) {
            send(batch, now());
        }
    }

    /** A due member at a flush: a sent alert's repeat stops while muted; an unsent one passes the gates again. */
    private Groups.Verdict sift(Alert a, boolean pending, Instant now) {
        if (a.status() == AlertStatus.SENT && !pending && gates.muted(a, now)) {
            store.record(Decision.held(a, now, HoldReason.SILENCED, "repeat skipped: silenced or in maintenance"));
            return Groups.Verdict.SKIP;
        }
        if (a.status() != AlertStatus.SENT && gate(a, now).isPresent()) {
            return Groups.Verdict.DROP;
        }
        return Groups.Verdict.SEND;
    }

    private void send(Groups.Batch batch, Instant now) {
        String receiver = batch.route().receiver();
        List<Alert> sent = new ArrayList<>(batch.alerts().size() + batch.resolvedToo().size());
        for (Alert a : batch.alerts()) {
            boolean first = a.lastNotifiedAt().isEmpty();
            Alert notified = a.notified(Set.of(receiver), now);
            replace(notified);
            sent.add(notified);
            store.record(Decision.of(notified, now, Decision.Outcome.SENT, first ? "sent" : "repeat", List.of(receiver)));
            if (a.status() != notified.status()) {
                publish(notified, a.status().label(), "sent to " + receiver);
            }
            if (first) {
                for (AlertListener l : ledger.listeners) {
                    l.firstSent(notified, batch.route().escalationPolicy());
                }
            }
        }
        for (Alert r : batch.resolvedToo()) {
            store.record(Decision.of(r, now, Decision.Outcome.SENT, "sent resolved: a critical alert, or one whose healing grace "
                    + "had ended, is told even when it resolved before its group was sent", List.of(receiver)));
        }
        List<Alert> told = new ArrayList<>(sent);
        told.addAll(batch.resolvedToo());
        notices.send(new Notification(Notification.Kind.FIRING, receiver, batch.key(), told, "", now), d -> delivered(sent, d));
    }

    private synchronized void delivered(List<Alert> alerts, Delivery d) {
        for (Alert sent : alerts) {
            Alert current = open.byId(sent.id());
            if (current == null || !current.id().equals(sent.id())) {
                continue;
            }
            DeliveryFallback.apply(current, d, now()).ifPresent(change -> {
                store.record(change.decision());
                replace(change.alert());
            });
        }
    }

    // ---- resolution, acknowledgement ---------------------------------------------------------

    /** Resolves an alert by hand; the resolved notice goes to everyone who was told. */
    public synchronized Alert resolve(String alertId, String by) {
        Alert a = requireOpen(alertId);
        resolutions.resolve(a, "resolved by " + by, now());
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
        notices.acknowledged(acked, a.told(), by, now);
        for (AlertListener l : ledger.listeners) {
            l.closed(acked, AlertStatus.ACKNOWLEDGED);
        }
        return acked;
    }

    /** Resolves every open alert of an incident (the incident resolved, by hand or by healing). */
    public synchronized int resolveIncident(String incidentId, String why) {
        Instant now = now();
        int n = 0;
        for (Alert a : open.all()) {
            if (a.incidentId().filter(incidentId::equals).isPresent()) {
                flaps.cancelResolve(a.fingerprint());
                resolutions.resolve(a, why, now);
                n++;
            }
        }
        reevaluateHeld();
        return n;
    }

    /** Looks at every held alert again (a silence ended, an incident changed state, a window closed). */
    public synchronized void reevaluateHeld() {
        Instant now = now();
        for (Alert a : open.all()) {
            if (a.status() == AlertStatus.HELD && a.hold().filter(h -> h != HoldReason.FLAPPING).isPresent()) {
                admit(a, now);
            }
        }
    }

    /** Sends an extra notification about an alert (escalation, reminders) to a receiver; counted as a notification. */
    public void notify(Notification notification) {
        notices.send(notification);
    }

    // ---- reads --------------------------------------------------------------------------------

    public synchronized List<Alert> open() {
        return open.all();
    }

    public synchronized Optional<Alert> find(String alertId) {
        return open.knows(alertId) ? Optional.ofNullable(open.byId(alertId)) : store.find(alertId);
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
        return notices.sent();
    }

    public long resolvedNotices() {
        return notices.resolved();
    }

    public long held(HoldReason reason) {
        return ledger.held(reason);
    }

    public synchronized int groupCount() {
        return groups.size();
    }

    @Override
    public synchronized void close() {
        ledger.close();
        sweep.cancel();
        groups.close();
        gates.close();
        flaps.close();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Alert requireOpen(String alertId) {
        Alert a = open.byId(alertId);
        if (a == null) {
            if (store.find(alertId).isPresent()) {
                throw new IllegalStateException("alert '%s' is already resolved".formatted(alertId));
            }
            throw new NoSuchElementException("no alert '%s'".formatted(alertId));
        }
        return a;
    }

    private void replace(Alert alert) {
        ledger.replace(alert);
    }

    /** A healing grace ended: the fingerprint's alert, if still held, passes the gates again. */
    private synchronized void graceEnded(String fp) {
        gates.graceTimerFired(fp);
        Alert a = open.get(fp);
        if (a != null && a.status() == AlertStatus.HELD) {
            admit(a, now());
        }
    }

    private void armSweep() {
        sweep = scheduler.schedule(reevaluateEvery, () -> {
            try {
                reevaluateHeld();
                flaps.prune(now());
            } catch (RuntimeException e) {
                log.error("event=alert_sweep_failed error=\"{}\"", e.toString(), e);
            }
            synchronized (this) {
                if (!ledger.closed()) {
                    armSweep();
                }
            }
        });
    }

    private void publish(Alert alert, String from, String reason) {
        ledger.publish(alert, from, reason);
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
