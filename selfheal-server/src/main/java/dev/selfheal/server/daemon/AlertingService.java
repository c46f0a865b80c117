package dev.selfheal.server.daemon;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.AlertStore;
import dev.selfheal.alerting.IncidentAlerts;
import dev.selfheal.alerting.IntelligentAlertManager;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.alerting.NotificationLog;
import dev.selfheal.alerting.OnceAcrossCluster;
import dev.selfheal.alerting.WriteBehindAlertStore;
import dev.selfheal.alerting.routing.Dispatcher;
import dev.selfheal.alerting.routing.Receiver;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.patterns.FailurePatternAnalyzer;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.escalation.EscalationManager;
import dev.selfheal.escalation.EscalationPolicy;
import dev.selfheal.escalation.OnCallSchedule;
import dev.selfheal.escalation.StandardEscalationActions;
import dev.selfheal.events.EventBus;
import dev.selfheal.incident.ProblemReporter;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.integrations.channels.HttpPoster;
import dev.selfheal.integrations.channels.alertmanager.AlertmanagerChannel;
import dev.selfheal.integrations.channels.email.EmailChannel;
import dev.selfheal.integrations.channels.email.SmtpSettings;
import dev.selfheal.integrations.channels.log.LogChannel;
import dev.selfheal.integrations.channels.pagerduty.PagerDutyChannel;
import dev.selfheal.integrations.channels.slack.SlackApiChannel;
import dev.selfheal.integrations.channels.slack.SlackWebhookChannel;
import dev.selfheal.integrations.channels.webhook.WebhookChannel;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.InMemoryOutboxStore;
import dev.selfheal.server.api.AlertRoutes;
import dev.selfheal.server.api.AlertIntake;
import dev.selfheal.server.api.AlertmanagerIngest;
import dev.selfheal.server.config.AlertingConfig.ChannelSpec;
import dev.selfheal.server.config.AlertingConfig;
import dev.selfheal.server.config.Secret;
import dev.selfheal.server.config.SecretMasker;
import dev.selfheal.time.Scheduler;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The alerting capability inside the daemon: receivers built from config, the pipeline,
 * escalation, the bridge from incident events, and the API routes. {@code reporter} is where
 * Alertmanager's alerts go: the healing orchestrator when it is wired (so they can start
 * recovery), else the incident manager directly. The service owns {@code store} and closes it.
 */
public final class AlertingService implements AutoCloseable {

    private final IntelligentAlertManager alerts;
    private final EscalationManager escalation;
    private final IncidentAlerts bridge;
    private final AlertRoutes routes;
    private final IncidentManager incidents;
    private final GuardRegistry guards;
    private final AlertStore store;
    private final AlertIntake intake;
    /** How long stop gives the intake lane to work off what it accepted; what is left is counted as dropped. */
    private static final java.time.Duration INTAKE_DRAIN = java.time.Duration.ofSeconds(10);

    private AlertingService(IntelligentAlertManager alerts, EscalationManager escalation, IncidentAlerts bridge, AlertRoutes routes,
                            IncidentManager incidents, GuardRegistry guards, AlertStore store, AlertIntake intake) {
        this.store = store;
        this.intake = intake;
        this.incidents = incidents;
        this.guards = guards;
        this.alerts = alerts;
        this.escalation = escalation;
        this.bridge = bridge;
        this.routes = routes;
    }

    public static AlertingService start(AlertingConfig config, Scheduler scheduler, Executor executor, EventBus bus, AlertStore store,
                                        IncidentManager incidents, ProblemReporter reporter, Optional<DegradationManager> degradation,
                                        Optional<Function<Alert, String>> emergencyRecovery, SecretMasker masker) {
        return start(config, scheduler, executor, bus, store, incidents, reporter, degradation, emergencyRecovery, masker, Optional.empty(),
                Optional.empty());
    }

    /**
     * As above; with a {@code notificationLog} (a node of a cluster) every receiver's channel
     * records a notification in it, under the lease, before sending, and skips one already sent.
     * With {@code patterns}, inhibition uses the dependencies it learned as well as the configured ones.
     */
    public static AlertingService start(AlertingConfig config, Scheduler scheduler, Executor executor, EventBus bus, AlertStore store,
                                        IncidentManager incidents, ProblemReporter reporter, Optional<DegradationManager> degradation,
                                        Optional<Function<Alert, String>> emergencyRecovery, SecretMasker masker,
                                        Optional<NotificationLog> notificationLog, Optional<FailurePatternAnalyzer> patterns) {
        HttpPoster http = new HttpPoster();
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        for (AlertingConfig.ReceiverConfig r : config.receivers()) {
            NotificationChannel channel = channel(r.channel(), scheduler, http);
            if (notificationLog.isPresent()) {
                channel = new OnceAcrossCluster(channel, notificationLog.get());
            }
            receivers.put(r.name(), new Receiver(r.name(), channel, r.ratePerMinute(), r.fallback()));
        }
        // Each receiver's calls go through its own guard, notify-<receiver> (breaker, retries, retry budget,
        // bulkhead, time limit), in a registry of their own (not integrations: no health check, no restart_integration);
        // /api/breakers lists them too, as kind "notification".
        GuardRegistry notifyGuards = GuardRegistry.builder().scheduler(scheduler).eventBus(bus)
                .meterRegistry(new SimpleMeterRegistry()).outboxStore(new InMemoryOutboxStore()).build();
        Map<String, Guard> receiverGuards = new LinkedHashMap<>();
        receivers.keySet().forEach(name -> receiverGuards.put(name, notifyGuards.register(GuardConfig.defaults("notify-" + name))));
        Dispatcher dispatcher = new Dispatcher(scheduler, executor, receivers, config.delivery(),
                name -> Optional.ofNullable(receiverGuards.get(name)));
        IntelligentAlertManager alerts = IntelligentAlertManager.builder(scheduler, bus, store, new RouteTree(config.route()), dispatcher)
                .settings(config.settings())
                .severityRules(config.severity())
                .maintenance(config.maintenance())
                .dependencies(new DependencyGraph(config.dependencies()))
                .dependenciesInForce(patterns.<java.util.function.Supplier<DependencyGraph>>map(p -> p::dependencies).orElse(null))
                .degradationLevel(() -> degradation.map(d -> d.level().number()).orElse(0))
                .planExplanations(id -> incidents.get(id).flatMap(dev.selfheal.incident.Incident::planExplanation))
                .build();
        Map<String, EscalationPolicy> policies = new LinkedHashMap<>();
        config.policies().forEach(p -> policies.put(p.name(), p));
        Map<String, OnCallSchedule> schedules = new LinkedHashMap<>();
        config.schedules().forEach(s -> schedules.put(s.name(), s));
        EscalationManager escalation = new EscalationManager(scheduler, bus, policies, schedules, config.defaultPolicy(),
                new StandardEscalationActions(alerts, scheduler.clock(), config.people(), emergencyRecovery, degradation));
        alerts.addListener(escalation);
        for (var incident : incidents.unresolved()) {
            alerts.incidents().update(incident.id(), incident.component(), incident.state());
        }
        IncidentAlerts bridge = new IncidentAlerts(bus, alerts);
        alerts.start();
        AlertmanagerIngest ingest = new AlertmanagerIngest(reporter, incidents, scheduler.clock(), AlertIntake.DEFAULT_CAPACITY);
        AlertRoutes routes = new AlertRoutes(alerts, ingest, incidents, masker, scheduler.clock(),
                new AlertRoutes.Escalation(config.policies(), config.schedules(), config.defaultPolicy()));
        return new AlertingService(alerts, escalation, bridge, routes, incidents, notifyGuards, store, ingest.intake());
    }

    static NotificationChannel channel(ChannelSpec spec, Scheduler scheduler, HttpPoster http) {
        return switch (spec) {
            case ChannelSpec.SlackWebhook s -> new SlackWebhookChannel(URI.create(s.url().reveal()), http);
            case ChannelSpec.Slack s -> new SlackApiChannel(s.api(), s.token().reveal(), s.channel(), http);
            case ChannelSpec.PagerDuty p -> new PagerDutyChannel(p.url(), p.routingKey().reveal(), http);
            case ChannelSpec.Webhook w -> new WebhookChannel(w.url(), w.hmacKey().map(Secret::reveal), w.headers(), scheduler.clock(), http);
            case ChannelSpec.Email e -> new EmailChannel(new SmtpSettings(e.host(), e.port(), e.startTls(), e.username(),
                    e.password().map(Secret::reveal), e.from(), e.to(), e.trustHosts(), HttpPoster.DEFAULT_TIMEOUT));
            case ChannelSpec.Alertmanager a -> new AlertmanagerChannel(a.url(), http);
            case ChannelSpec.Log l -> new LogChannel();
        };
    }

    /**
     * The escalation level "emergency recovery": approve the high-risk step the incident's
     * recovery run is waiting on (the plan's emergency action) and go on with it. Fails, visibly
     * in the step's outcome, when the run is not waiting for approval.
     */
    public static Function<Alert, String> emergencyRecovery(dev.selfheal.recovery.RecoveryEngine engine) {
        return alert -> {
            String incident = alert.incidentId().orElseThrow(() -> new IllegalStateException("alert " + alert.id() + " has no incident"));
            engine.approve(incident, "escalation");
            return "approved the waiting high-risk step of incident " + incident;
        };
    }

    /** The receivers' guards ({@code notify-<receiver>}). */
    public GuardRegistry guards() {
        return guards;
    }

    public IntelligentAlertManager alerts() {
        return alerts;
    }

    public IncidentManager incidents() {
        return incidents;
    }

    public EscalationManager escalation() {
        return escalation;
    }

    /** Adds the alert, silence and Alertmanager-ingest endpoints to the API server. */
    public void register(Javalin app) {
        routes.register(app);
    }

    /** The alert store's queue meters ({@code selfheal_alert_store_*}) when it writes behind. */
    public void bindMetrics(MeterRegistry registry) {
        if (store instanceof WriteBehindAlertStore w) {
            w.bindMetrics(registry);
        }
        intake.bindMetrics(registry);
    }

    /** The lane external alerts take into the healing loop. */
    public AlertIntake intake() {
        return intake;
    }

    /**
     * Works off the alerts still in the intake lane (what the ingest answered "accepted" for),
     * stops the pipeline, then closes the store (a write-behind store drains its queue first).
     */
    @Override
    public void close() {
        intake.close(INTAKE_DRAIN);
        bridge.close();
        alerts.close();
        guards.close();
        store.close();
    }
}
