package dev.selfheal.alerting;

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
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert pipeline: a raw alert in, at most the notifications a person needs out, and a
 * recorded decision for every step.
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
 * <p>This class is the coordinator: the public face and the order above. Each job is a part
 * with its own state: {@link OpenAlerts} (deduplication), {@link FlapHolds} (flap damping's
 * memory) and {@link FlappingIncidents}, {@link Gates} (silence, maintenance, inhibition,
 * healing grace) and {@link Admission}, {@link Groups} (group timers) and
 * {@link GroupMessages}, {@link Notices} and {@link DeliveryFallback} (delivery),
 * {@link Resolutions}, {@link SilenceReminders}; {@link Ledger} is what they all write to. The
 * parts are not thread-safe: the manager's one lock guards them all, and their timers take it.
 * Channels run on the {@link Dispatcher}'s executor. Hot path for a duplicate: one hash
 * lookup, one classification, one decision.
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
    private final Admission admission;
    private final GroupMessages messages;
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
        DependencyGraph configured = b.dependencies;
        java.util.function.Supplier<DependencyGraph> inForce = b.dependenciesInForce != null ? b.dependenciesInForce : () -> configured;
        this.gates = new Gates(silences, b.windows, inForce, incidents, open::openIn, settings.healingGrace(),
                scheduler, this::graceEnded);
        this.groups = new Groups(b.routes, scheduler, this::flush);
        this.notices = new Notices(b.dispatcher, b.planExplanations);
        this.admission = new Admission(ledger, gates, groups);
        this.messages = new GroupMessages(ledger, groups, gates, admission, notices, scheduler.clock());
        this.reminders = new SilenceReminders(settings.reminderReceiver(), silences, b.routes);
        this.flappingIncidents = new FlappingIncidents(ledger, flaps, incidents, scheduler.clock(), admission::admit);
        this.resolutions = new Resolutions(ledger, flaps, groups, gates, notices, flappingIncidents, scheduler.clock(),
                b.dependenciesInForce != null || !b.dependencies.edges().isEmpty(), this::reevaluateHeld);
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
                admission.admit(a, now());
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
            return admission.repeat(existing, signal, c, now);
        }
        boolean flapping = flaps.fired(fp, now);
        Alert alert = Alert.raised(signal, c.severity(), c.urgency(), now);
        if (flapping) {
            if (flaps.noticed(fp)) {
                if (alert.incidentId().isPresent()) {
                    return flappingIncidents.hold(alert.markFlapping(now), now);
                }
                return admission.hold(alert, new Gates.Hold(HoldReason.FLAPPING, "fired again while flapping"), now, true);
            }
            alert = alert.markFlapping(now);
            flaps.markNoticed(fp);
        }
        open.add(alert);
        store.save(alert);
        ledger.publish(alert, "none", "raised");
        return admission.admit(alert, now);
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
        ledger.replace(acked);
        ledger.publish(acked, a.status().label(), "acknowledged by " + by);
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
                admission.admit(a, now);
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

    /** A group's timer fired (the group's message is built after the manager's parts exist). */
    private void flush(String key) { messages.flush(key); }

    /** A healing grace ended: the fingerprint's alert, if still held, passes the gates again. */
    private synchronized void graceEnded(String fp) {
        gates.graceTimerFired(fp);
        Alert a = open.get(fp);
        if (a != null && a.status() == AlertStatus.HELD) {
            admission.admit(a, now());
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

    private Instant now() { return scheduler.clock().instant(); }

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
        private java.util.function.Supplier<DependencyGraph> dependenciesInForce;
        private TrackedIncidents incidents = new TrackedIncidents();
        private IntSupplier degradationLevel = () -> 0;
        private Function<String, Optional<String>> planExplanations = id -> Optional.empty();

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

        /**
         * Dependencies that change while running (configured ones and those learned by pattern
         * analysis): inhibition asks for the graph in force at each check. Replaces
         * {@link #dependencies(DependencyGraph)}.
         */
        public Builder dependenciesInForce(java.util.function.Supplier<DependencyGraph> value) {
            dependenciesInForce = value;
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

        /**
         * Why the recovery plan of an incident is ordered as it is (the plan's {@code why}), by
         * incident id; every notification about an alert of that incident carries it in its note.
         */
        public Builder planExplanations(Function<String, Optional<String>> value) {
            planExplanations = java.util.Objects.requireNonNull(value, "planExplanations");
            return this;
        }

        public IntelligentAlertManager build() {
            return new IntelligentAlertManager(this);
        }
    }
}
