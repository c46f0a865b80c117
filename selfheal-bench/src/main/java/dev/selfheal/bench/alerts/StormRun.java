package dev.selfheal.bench.alerts;

import dev.selfheal.alerting.AlertSeverity;
import dev.selfheal.alerting.AlertSignal;
import dev.selfheal.alerting.InMemoryAlertStore;
import dev.selfheal.alerting.IntelligentAlertManager;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.routing.Dispatcher;
import dev.selfheal.alerting.routing.Receiver;
import dev.selfheal.alerting.routing.Route;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.events.EventBus;
import dev.selfheal.time.VirtualScheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Part 1: a storm of raw alerts over a set of fingerprints through the whole pipeline
 * (classification, dedup, flap check, silences, maintenance, inhibition, healing gate,
 * grouping, routing, dispatch to an in-memory receiver, in-memory store), on virtual time:
 * 10 ms of virtual time between raw alerts, so group timers, repeats and flap windows fire as
 * they would in a real storm, while the wall-clock cost measured is the pipeline's own.
 * 95 % of raw alerts fire, 5 % resolve (the next fire re-opens).
 */
final class StormRun {

    record Figures(double alertsPerSecond, double heapPeakMb, long raw, long notifications, long firingNotifications,
                   int maxPerGroupPerInterval, long groups, double naiveAlertsPerSecond) { }

    static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);

    static Figures run(int alerts, int fingerprints, long seed) {
        VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-03-02T10:00:00Z"));
        CountingChannel pager = new CountingChannel();
        Dispatcher dispatcher = new Dispatcher(clock, Runnable::run, Map.of("pager", Receiver.of("pager", pager)), Dispatcher.Settings.DEFAULT);
        RouteTree routes = new RouteTree(Route.to("root", "pager").groupedBy(List.of("component"))
                .withTimings(Duration.ofSeconds(30), GROUP_INTERVAL, Duration.ofHours(4)));
        IntelligentAlertManager pipeline = IntelligentAlertManager.builder(clock, new EventBus(), new InMemoryAlertStore(1_000, 20),
                routes, dispatcher).build().start();
        String[] types = {"process_down", "integration_failure", "high_memory_usage", "high_cpu_usage", "database_issues",
                "performance_degradation", "component_unhealthy", "disk_full", "queue_backlog", "tls_expiring"};
        int components = Math.max(1, fingerprints / types.length);
        AlertSignal[] firing = new AlertSignal[fingerprints];
        for (int i = 0; i < fingerprints; i++) {
            firing[i] = new AlertSignal("svc-" + (i % components), types[i / components % types.length],
                    Map.of("env", "prod", "shard", Integer.toString(i)), Optional.of(AlertSeverity.values()[i % 4]),
                    "storm", Optional.empty(), true, clock.now());
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] picks = new int[alerts];
        boolean[] resolves = new boolean[alerts];
        for (int i = 0; i < alerts; i++) {
            picks[i] = random.nextInt(fingerprints);
            resolves[i] = random.nextInt(100) < 5;
        }
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Duration step = Duration.ofMillis(10);
        long start = System.nanoTime();
        for (int i = 0; i < alerts; i++) {
            AlertSignal s = firing[picks[i]];
            pipeline.process(resolves[i] ? s.resolvedAt(clock.now()) : s);
            clock.advance(step);
        }
        clock.advance(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        double heapPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1_048_576.0;
        long firingNotifications = pager.got.stream().filter(g -> g.kind() == Notification.Kind.FIRING).count();
        int maxPerInterval = maxPerGroupPerInterval(pager.got);
        long groups = pager.got.stream().filter(g -> g.kind() == Notification.Kind.FIRING).map(CountingChannel.Got::group).distinct().count();
        pipeline.close();
        return new Figures(alerts / seconds, heapPeak, pipeline.rawAlerts(), pipeline.notificationsSent(), firingNotifications,
                maxPerInterval, groups, naive(firing, picks, resolves));
    }

    /** The most firing notifications any group got within one group interval (1 when grouping holds). */
    static int maxPerGroupPerInterval(List<CountingChannel.Got> got) {
        Map<String, Instant> last = new HashMap<>();
        int worst = got.isEmpty() ? 0 : 1;
        for (CountingChannel.Got g : got) {
            if (g.kind() != Notification.Kind.FIRING) {
                continue;
            }
            Instant before = last.put(g.group(), g.at());
            if (before != null && Duration.between(before, g.at()).compareTo(GROUP_INTERVAL) < 0) {
                worst = 2;
            }
        }
        return worst;
    }

    /** The peer: a bare dedup map (fingerprint → last state), what a hand-written notifier does per alert. */
    private static double naive(AlertSignal[] firing, int[] picks, boolean[] resolves) {
        Map<String, Boolean> open = new HashMap<>();
        long sent = 0;
        long start = System.nanoTime();
        for (int i = 0; i < picks.length; i++) {
            AlertSignal s = firing[picks[i]];
            String fp = s.fingerprint();
            Boolean was = open.put(fp, !resolves[i]);
            if (was == null || was == resolves[i]) {
                sent++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sent < 0) {
            throw new IllegalStateException();
        }
        return picks.length / seconds;
    }
}
