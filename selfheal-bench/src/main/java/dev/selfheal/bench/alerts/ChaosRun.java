package dev.selfheal.bench.alerts;

import dev.selfheal.alerting.IncidentAlerts;
import dev.selfheal.alerting.IntelligentAlertManager;
import dev.selfheal.alerting.Matcher;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.rules.CronExpression;
import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.alerting.rules.MaintenanceWindow;
import dev.selfheal.alerting.routing.Dispatcher;
import dev.selfheal.alerting.routing.Receiver;
import dev.selfheal.alerting.routing.Route;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.engine.IncidentState;
import dev.selfheal.engine.Problem;
import dev.selfheal.engine.ProblemType;
import dev.selfheal.engine.Severity;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.store.InMemoryAlertStore;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Part 2: a synthetic chaos schedule modelled on the demo's (which is not built yet): eight
 * hours of a Contexten-like system (orchestrator; linear, github, slack, codegen APIs;
 * database → queue → four workers; a nightly batch job) with crashes, hangs, an error storm,
 * flapping, an upstream outage with downstream symptoms, and a failure inside a maintenance
 * window. While a component fails, its check re-reports every 10 s (5 s in the storm): each
 * report is a raw alert, which is what a naive notifier would send. Incidents go through the
 * real event wiring ({@link IncidentAlerts}); healing is simulated by state changes.
 */
final class ChaosRun {

    enum End { HEALED, ESCALATED_THEN_FIXED, FLAPPING, DOWNSTREAM, MAINTENANCE }

    record Case(String id, String component, String type, Severity severity, Duration at, Duration lasts, End end,
                Duration escalateAfter, Duration every, boolean needsPerson) { }

    record Figures(long raw, long notifications, int incidents, int needingPerson, int notified, int missed,
                   int notifiedNeedlessly, List<String> missedCases) { }

    static final Instant START = Instant.parse("2026-03-02T00:30:00Z");

    static List<Case> schedule() {
        List<Case> cases = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < 12; i++) {
            cases.add(new Case("crash-healed-" + i, "worker-" + (i % 4 + 1), "process_down", Severity.HIGH, min(15 + 40 * i),
                    sec(20), End.HEALED, Duration.ZERO, sec(10), false));
        }
        for (int i = 0; i < 8; i++) {
            cases.add(new Case("memory-gc-" + i, "orchestrator", "high_memory_usage", Severity.MEDIUM, min(25 + 60 * i), sec(45),
                    End.HEALED, Duration.ZERO, sec(10), false));
        }
        cases.add(new Case("github-hang", "github-api", "performance_degradation", Severity.MEDIUM, min(60), min(25),
                End.ESCALATED_THEN_FIXED, min(3), sec(10), true));
        cases.add(new Case("slack-error-storm", "slack-api", "integration_failure", Severity.MEDIUM, min(120), min(15),
                End.ESCALATED_THEN_FIXED, min(2), sec(5), true));
        cases.add(new Case("linear-flapping", "linear-api", "component_unhealthy", Severity.MEDIUM, min(180), min(30),
                End.FLAPPING, Duration.ZERO, sec(10), true));
        cases.add(new Case("database-down", "database", "database_issues", Severity.CRITICAL, min(240), min(20),
                End.ESCALATED_THEN_FIXED, min(1), sec(10), true));
        for (String downstream : List.of("queue", "worker-1", "worker-2", "worker-3", "worker-4")) {
            cases.add(new Case("downstream-" + downstream, downstream, "integration_failure", Severity.MEDIUM, min(240).plusSeconds(15),
                    min(20), End.DOWNSTREAM, Duration.ZERO, sec(10), false));
        }
        cases.add(new Case("batch-in-maintenance", "batch-1", "process_down", Severity.HIGH, min(40), min(20), End.MAINTENANCE,
                Duration.ZERO, sec(10), false));
        cases.add(new Case("worker-3-crash-loop", "worker-3", "process_down", Severity.HIGH, min(300), min(10),
                End.ESCALATED_THEN_FIXED, min(2), sec(10), true));
        cases.add(new Case("codegen-hang-healed", "codegen-api", "performance_degradation", Severity.MEDIUM, min(360), sec(50),
                End.HEALED, Duration.ZERO, sec(10), false));
        cases.add(new Case("cpu-slow-healing", "orchestrator", "high_cpu_usage", Severity.MEDIUM, min(390), min(3), End.HEALED,
                Duration.ZERO, sec(10), true));
        return cases;
    }

    static Figures run() {
        VirtualScheduler clock = new VirtualScheduler(START);
        EventBus bus = new EventBus();
        CountingChannel pager = new CountingChannel();
        Dispatcher dispatcher = new Dispatcher(clock, Runnable::run, Map.of("pager", Receiver.of("pager", pager)), Dispatcher.Settings.DEFAULT);
        IntelligentAlertManager alerts = IntelligentAlertManager.builder(clock, bus, new InMemoryAlertStore(), new RouteTree(
                        Route.to("root", "pager")), dispatcher)
                .dependencies(new DependencyGraph(Map.of("queue", List.of("database"), "worker-1", List.of("queue"),
                        "worker-2", List.of("queue"), "worker-3", List.of("queue"), "worker-4", List.of("queue"),
                        "orchestrator", List.of("linear-api", "github-api", "slack-api", "codegen-api"))))
                .maintenance(List.of(new MaintenanceWindow("nightly-batch", CronExpression.parse("0 2 * * *"), Duration.ofHours(1),
                        ZoneId.of("Europe/Berlin"), List.of(Matcher.parse("component=~batch-.*")))))
                .build().start();
        IncidentAlerts bridge = new IncidentAlerts(bus, alerts);
        List<Case> cases = schedule();
        for (Case c : cases) {
            clock.schedule(c.at(), () -> play(c, clock, bus, alerts));
        }
        clock.advance(Duration.ofHours(9));
        bridge.close();
        alerts.close();

        int needing = 0;
        int notified = 0;
        int needless = 0;
        List<String> missed = new ArrayList<>();
        for (Case c : cases) {
            boolean told = pager.got.stream().filter(g -> g.kind() == Notification.Kind.FIRING || g.kind() == Notification.Kind.ESCALATION)
                    .anyMatch(g -> g.incidents().contains(c.id()) || c.end() == End.FLAPPING && g.components().contains(c.component()));
            if (c.needsPerson()) {
                needing++;
                if (told) {
                    notified++;
                } else {
                    missed.add(c.id());
                }
            } else if (told) {
                needless++;
            }
        }
        return new Figures(alerts.rawAlerts(), alerts.notificationsSent(), cases.size(), needing, notified, missed.size(), needless, missed);
    }

    private static void play(Case c, VirtualScheduler clock, EventBus bus, IntelligentAlertManager alerts) {
        Instant now = clock.now();
        Problem problem = new Problem(ProblemType.of(c.type()), c.component(), c.severity(), c.id(), "health", now);
        Instant end = now.plus(c.lasts());
        if (c.end() == End.FLAPPING) {
            flap(c, clock, alerts, problem, end, true);
            return;
        }
        bus.publish(new IncidentOpened(c.id(), c.component(), problem, now));
        boolean heals = c.end() == End.HEALED || c.end() == End.ESCALATED_THEN_FIXED;
        if (heals) {
            clock.schedule(sec(1), () -> move(bus, clock, c, IncidentState.OPEN, IncidentState.MITIGATING, "healing started"));
        }
        if (c.end() == End.ESCALATED_THEN_FIXED) {
            clock.schedule(c.escalateAfter(), () -> move(bus, clock, c, IncidentState.MITIGATING, IncidentState.ESCALATED, "plan exhausted"));
        }
        repeat(c, clock, alerts, problem, end);
        clock.schedule(c.lasts(), () -> move(bus, clock, c, heals ? IncidentState.MITIGATING : IncidentState.OPEN, IncidentState.RESOLVED,
                c.end() == End.HEALED ? "healed" : "fixed"));
    }

    private static void repeat(Case c, VirtualScheduler clock, IntelligentAlertManager alerts, Problem problem, Instant end) {
        clock.schedule(c.every(), () -> {
            if (clock.now().isBefore(end)) {
                alerts.process(IncidentAlerts.signalOf(c.id(), new Problem(problem.type(), problem.component(), problem.severity(),
                        problem.evidence(), problem.source(), clock.now())));
                repeat(c, clock, alerts, problem, end);
            }
        });
    }

    private static void flap(Case c, VirtualScheduler clock, IntelligentAlertManager alerts, Problem problem, Instant end, boolean up) {
        if (!clock.now().isBefore(end)) {
            return;
        }
        var signal = IncidentAlerts.signalOf(c.id(), problem);
        signal = new dev.selfheal.alerting.AlertSignal(signal.component(), signal.problemType(), signal.labels(), signal.severity(),
                signal.summary(), Optional.empty(), up, clock.now());
        alerts.process(signal);
        clock.schedule(c.every(), () -> flap(c, clock, alerts, problem, end, !up));
    }

    private static void move(EventBus bus, VirtualScheduler clock, Case c, IncidentState from, IncidentState to, String why) {
        bus.publish(new IncidentStateChanged(c.id(), c.component(), from, to, clock.now(), why));
    }

    private static Duration min(long m) {
        return Duration.ofMinutes(m);
    }

    private static Duration sec(long s) {
        return Duration.ofSeconds(s);
    }
}
