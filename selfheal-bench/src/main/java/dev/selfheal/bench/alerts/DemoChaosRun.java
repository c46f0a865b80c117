package dev.selfheal.bench.alerts;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.AlertSeverity;
import dev.selfheal.alerting.IntelligentAlertManager;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.demo.cli.ChaosSchedule;
import dev.selfheal.demo.cli.DemoOptions;
import dev.selfheal.demo.cli.DemoRun;
import dev.selfheal.events.CheckCompleted;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.server.config.AlertingConfig;
import dev.selfheal.status.HealthStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Part 2: the demo itself, {@code selfheal demo --chaos}, for real: the daemon with its
 * detection → incident → alerting pipeline as the daemon wires it ({@code AlertingService}:
 * {@code IncidentAlerts} over an {@link IntelligentAlertManager} with the default settings and
 * one {@code log} receiver), the four simulators as child JVMs, the orchestrator's events, and
 * the demo's own {@link ChaosSchedule} (same faults, targets and timings, same seed).
 *
 * <p>A raw alert is what a naive notifier would send: one per failing health-check report
 * ({@link CheckCompleted} with an UNHEALTHY result). Notifications are what the pipeline handed
 * to receivers (grouped firing messages, resolved notices, escalations). An incident needed a
 * person when its alert is critical or worse, or when it was not resolved within the healing
 * grace; it was notified when the pipeline recorded a SENT decision for one of its alerts, or
 * when its alert was held as flapping and its fingerprint's one flapping notice went out
 * ({@link IncidentNotice}). Run with {@code approval}, restarts wait for a person's approval
 * that nobody gives, as {@code selfheal demo --approve-restarts} with nobody at the console.
 * After the run the bench keeps watching until every incident has had its group wait to be
 * sent, and an unresolved one its grace too.
 */
final class DemoChaosRun {

    /** One incident of the run, as seen from the bus and the pipeline. */
    record IncidentOutcome(String id, String component, Duration openedAt, Optional<Duration> resolvedAfter, AlertSeverity severity,
                           boolean needsPerson, IncidentNotice.How notice) {

        boolean notified() {
            return notice != IncidentNotice.How.NONE;
        }

        String line() {
            return "%-22s %-13s opened %5.1f s  %-22s %-9s needs person %-3s notified %s".formatted(id, component,
                    openedAt.toMillis() / 1000.0, resolvedAfter.map(d -> "resolved after %.1f s".formatted(d.toMillis() / 1000.0))
                            .orElse("not resolved"), severity.label(), needsPerson ? "yes" : "no", switch (notice) {
                                case SENT -> "yes";
                                case FLAPPING_NOTICE -> "yes (its flapping notice)";
                                case NONE -> "no";
                            });
        }
    }

    record Figures(boolean approval, long raw, long pipelineRaw, long notifications, long resolvedNotices, long restarts,
                   List<IncidentOutcome> incidents, List<ChaosSchedule.Planned> plan, Duration length, Path log) {

        /** {@code healed} (selfheal restarts on its own) or {@code approval} (restarts wait for an approval nobody gives). */
        String name() {
            return approval ? "approval" : "healed";
        }

        double reduction() {
            return raw == 0 ? 0 : 1.0 - (double) notifications / raw;
        }

        long needingPerson() {
            return incidents.stream().filter(IncidentOutcome::needsPerson).count();
        }

        long notified() {
            return incidents.stream().filter(i -> i.needsPerson() && i.notified()).count();
        }

        List<String> missed() {
            return incidents.stream().filter(i -> i.needsPerson() && !i.notified()).map(IncidentOutcome::id).toList();
        }

        long notifiedByFlappingNotice() {
            return incidents.stream().filter(i -> i.needsPerson() && i.notice() == IncidentNotice.How.FLAPPING_NOTICE).count();
        }

        long notifiedNeedlessly() {
            return incidents.stream().filter(i -> !i.needsPerson() && i.notified()).count();
        }
    }

    private record Opened(String component, Instant at) { }

    private DemoChaosRun() { }

    /**
     * One run of the demo's chaos schedule; with {@code approval}, restarts wait for a person's
     * approval ({@code --approve-restarts}) that the bench never gives, so crash and hang
     * incidents stay open past the healing grace and must reach a person.
     */
    static Figures run(Duration length, double rate, long seed, Path dataDir, boolean approval) throws Exception {
        AlertingConfig alerting = AlertingConfig.defaults(); // the demo's config has no alerting section
        Duration grace = alerting.settings().healingGrace();
        Duration groupWait = new RouteTree(alerting.route()).route(Map.of()).getFirst().groupWait();
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("bench-demo.log");
        Map<String, Opened> opened = new ConcurrentHashMap<>();
        Map<String, Instant> resolved = new ConcurrentHashMap<>();
        AtomicLong failingReports = new AtomicLong();
        DemoOptions options = new DemoOptions(0, 0, dataDir, Optional.of(length), rate, true, seed, Duration.ofSeconds(30),
                approval);
        try (EchoingLog out = new EchoingLog(log); DemoRun run = new DemoRun(options, System.getenv(), out)) {
            run.start();
            Instant start = Instant.now();
            EventBus bus = run.daemon().events();
            IntelligentAlertManager alerts = run.daemon().alerting().alerts();
            bus.subscribe(CheckCompleted.class, e -> {
                if (e.result().status() == HealthStatus.UNHEALTHY) {
                    failingReports.incrementAndGet();
                }
            });
            bus.subscribe(IncidentOpened.class, e -> opened.put(e.incidentId(), new Opened(e.component(), e.at())));
            bus.subscribe(IncidentStateChanged.class, e -> {
                if (e.to() == IncidentState.RESOLVED) {
                    resolved.put(e.incidentId(), e.at());
                }
            });
            run.awaitEnd(Duration.ofSeconds(10));
            // every incident gets its group wait to be sent (resolved or not), an unresolved one its grace too
            Duration sendable = groupWait.plusSeconds(5);
            Duration settle = grace.plus(groupWait).plusSeconds(15);
            long deadline = System.nanoTime() + settle.plusSeconds(30).toNanos();
            while (System.nanoTime() < deadline && opened.entrySet().stream().anyMatch(e -> Instant.now().isBefore(e.getValue().at()
                    .plus(resolved.containsKey(e.getKey()) ? sendable : settle)))) {
                TimeUnit.SECONDS.sleep(1);
            }
            Instant end = Instant.now();
            IncidentNotice notices = new IncidentNotice(alerts.recent(10_000), alerts::decisions);
            List<IncidentOutcome> outcomes = new ArrayList<>();
            opened.entrySet().stream().sorted(Map.Entry.comparingByValue((a, b) -> a.at().compareTo(b.at()))).forEach(e -> {
                String id = e.getKey();
                Optional<Duration> took = Optional.ofNullable(resolved.get(id)).map(r -> Duration.between(e.getValue().at(), r));
                List<Alert> ofIncident = notices.alertsOf(id);
                AlertSeverity severity = ofIncident.stream().map(Alert::severity).reduce(AlertSeverity.INFO, AlertSeverity::worse);
                // told: a SENT decision for one of its alerts, or held as flapping after its fingerprint's flapping notice went out
                IncidentNotice.How told = notices.how(id);
                boolean slow = took.map(d -> d.compareTo(grace) > 0)
                        .orElse(Duration.between(e.getValue().at(), end).compareTo(grace) > 0);
                outcomes.add(new IncidentOutcome(id, e.getValue().component(), Duration.between(start, e.getValue().at()), took, severity,
                        severity.atLeast(AlertSeverity.CRITICAL) || slow, told));
            });
            long raw = failingReports.get();
            long pipelineRaw = alerts.rawAlerts();
            long notifications = alerts.notificationsSent();
            long resolvedNotices = alerts.resolvedNotices();
            run.finish();
            return new Figures(approval, raw, pipelineRaw, notifications, resolvedNotices, run.restarts(), outcomes, run.chaosPlan(), length, log);
        }
    }

    /** The demo's output goes to a log file; its timestamped lines (chaos, healing, breakers) are echoed to the console. */
    private static final class EchoingLog extends PrintWriter {

        EchoingLog(Path file) throws IOException {
            super(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
        }

        @Override
        public void println(String line) {
            super.println(line);
            if (line.matches("\\d\\d:\\d\\d:\\d\\d  .*")) {
                System.out.println("  " + line);
            }
        }
    }
}
