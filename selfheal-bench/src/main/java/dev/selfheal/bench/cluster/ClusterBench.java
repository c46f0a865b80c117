package dev.selfheal.bench.cluster;

import dev.selfheal.bench.SeedOption;
import dev.selfheal.demo.sim.cli.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code selfheal bench cluster}: three {@code selfheal run} child processes on the local
 * PostgreSQL watching one HTTP service. Each round first fails the service with every node up
 * (the steady time to the first action), then loses the leader, by {@code kill -9} or by
 * {@code SIGSTOP} past its lease, at the moment the service fails again; the failover time is
 * leader lost → first restart of the service. Every restart is counted against the fault it
 * answered: more than one is a duplicate action, none within 60 s a lost incident. A frozen
 * leader is thawed after the new leader acted, and must not act on waking.
 *
 * <p>The baseline, in the same run: the same nodes on the same database without {@code cluster:},
 * the way several daemons shared one PostgreSQL before: each heals on its own.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Kills or freezes the leader of a three-node cluster while the watched service fails: failover time, duplicate and lost actions, against uncoordinated nodes.")
public final class ClusterBench implements Runnable {

    private static final Duration OUTCOME_PATIENCE = Duration.ofSeconds(60);

    @Option(names = "--rounds", defaultValue = "10", description = "Leader losses (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--nodes", defaultValue = "3", description = "Nodes (default ${DEFAULT-VALUE}).")
    int nodeCount;

    @Option(names = "--baseline-faults", defaultValue = "5", description = "Faults healed by the uncoordinated baseline (default ${DEFAULT-VALUE}).")
    int baselineFaults;

    @Option(names = "--lease", defaultValue = "3s", converter = DurationText.Converter.class, description = "cluster.lease (default ${DEFAULT-VALUE}).")
    Duration lease;

    @Option(names = "--renew", defaultValue = "1s", converter = DurationText.Converter.class, description = "cluster.renew (default ${DEFAULT-VALUE}).")
    Duration renew;

    @Option(names = "--pg-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test", description = "PostgreSQL (default ${DEFAULT-VALUE}).")
    String pgUrl;

    @Option(names = "--pg-user", defaultValue = "postgres", description = "PostgreSQL user (default ${DEFAULT-VALUE}).")
    String pgUser;

    @Mixin
    SeedOption seed;

    /** How the leader is lost in a round. */
    enum Loss { KILL, FREEZE }

    /** One round: the steady fault and the fault at the leader's loss. */
    record Round(int number, Loss loss, long steadyMs, int steadyActions, long failoverMs, long newLeaderMs, int failoverActions) { }

    @Override
    public void run() {
        if (nodeCount < 2) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--nodes must be at least 2, got " + nodeCount);
        }
        try {
            Path dir = Files.createTempDirectory("selfheal-bench-cluster");
            System.out.printf(Locale.ROOT, "cluster bench: %d nodes on %s, lease %s, renew %s, %d rounds, seed %d; node logs in %s%n",
                    nodeCount, pgUrl, lease, renew, rounds, seed.value(), dir);
            List<Round> fenced = fenced(dir.resolve("fenced"));
            List<Integer> baseline = baseline(dir.resolve("baseline"));
            report(fenced, baseline);
        } catch (Exception e) {
            throw new IllegalStateException("cluster bench failed: " + e.getMessage(), e);
        }
    }

    private ClusterRig.Settings settings(boolean fenced) {
        return new ClusterRig.Settings(pgUrl, pgUser, nodeCount, fenced, lease, renew, Duration.ofMillis(250));
    }

    private List<Round> fenced(Path dir) throws Exception {
        Files.createDirectories(dir);
        Random random = new Random(seed.value());
        List<Round> results = new ArrayList<>();
        try (ClusterRig rig = ClusterRig.start(settings(true), dir)) {
            require(ClusterRig.waitFor(Duration.ofSeconds(60), () -> rig.leader().isPresent()), "no leader elected within 60 s");
            for (int r = 1; r <= rounds; r++) {
                Loss loss = random.nextInt(3) == 0 ? Loss.FREEZE : Loss.KILL;
                Round round = round(rig, r, loss, random);
                results.add(round);
                System.out.printf(Locale.ROOT, "  round %2d %-6s steady %5d ms (%d action)  failover %5d ms (new leader after %5d ms, %d action)%n",
                        r, loss, round.steadyMs(), round.steadyActions(), round.failoverMs(), round.newLeaderMs(), round.failoverActions());
            }
        }
        return results;
    }

    private Round round(ClusterRig rig, int number, Loss loss, Random random) throws Exception {
        WatchedService service = rig.service();
        // Steady: every node up.
        require(rig.awaitQuiet(OUTCOME_PATIENCE), "the service did not settle before round " + number);
        long start = System.nanoTime();
        int steadyFault = service.fail();
        ClusterRig.waitFor(OUTCOME_PATIENCE, () -> !service.restartsOf(steadyFault).isEmpty());
        long steadyMs = firstActionMs(service, steadyFault, start);
        require(rig.awaitQuiet(OUTCOME_PATIENCE), "the service did not settle after the steady fault of round " + number);
        int steadyActions = service.restartsOf(steadyFault).size();

        // The leader is lost at a random point of its renewal period, as the service fails.
        NodeProcess leader = rig.leader().orElseThrow(() -> new IllegalStateException("no single leader before round " + number));
        Thread.sleep(random.nextInt((int) Math.max(1, renew.toMillis())));
        long lost = System.nanoTime();
        if (loss == Loss.KILL) {
            leader.kill9();
        } else {
            leader.freeze();
        }
        int fault = service.fail();
        long[] newLeader = {-1};
        ClusterRig.waitFor(OUTCOME_PATIENCE, () -> {
            if (newLeader[0] < 0 && rig.nodes().stream().filter(n -> n != leader && n.isAlive()).anyMatch(NodeProcess::leading)) {
                newLeader[0] = (System.nanoTime() - lost) / 1_000_000;
            }
            return newLeader[0] >= 0 && !service.restartsOf(fault).isEmpty();
        });
        long failoverMs = firstActionMs(service, fault, lost);
        if (loss == Loss.FREEZE) {
            leader.thaw();
            // the woken node must see it lost the lease, and not act on what it saw before it froze
            ClusterRig.waitFor(Duration.ofSeconds(10), () -> !leader.leading());
        } else {
            rig.restart(leader);
        }
        require(rig.awaitQuiet(OUTCOME_PATIENCE), "the service did not settle after round " + number);
        Thread.sleep(lease.toMillis()); // a late action by a stale node would land here
        return new Round(number, loss, steadyMs, steadyActions, failoverMs, newLeader[0], service.restartsOf(fault).size());
    }

    private List<Integer> baseline(Path dir) throws Exception {
        Files.createDirectories(dir);
        List<Integer> actions = new ArrayList<>();
        try (ClusterRig rig = ClusterRig.start(settings(false), dir)) {
            for (int f = 1; f <= baselineFaults; f++) {
                require(rig.awaitQuiet(OUTCOME_PATIENCE), "the uncoordinated service did not settle before fault " + f);
                int fault = rig.service().fail();
                ClusterRig.waitFor(OUTCOME_PATIENCE, () -> !rig.service().restartsOf(fault).isEmpty());
                require(rig.awaitQuiet(OUTCOME_PATIENCE), "the uncoordinated service did not settle after fault " + f);
                Thread.sleep(lease.toMillis());
                actions.add(rig.service().restartsOf(fault).size());
                System.out.printf(Locale.ROOT, "  uncoordinated fault %d: %d actions%n", f, actions.getLast());
            }
        }
        return actions;
    }

    private static long firstActionMs(WatchedService service, int fault, long since) {
        List<Long> restarts = service.restartsOf(fault);
        return restarts.isEmpty() ? -1 : (restarts.getFirst() - since) / 1_000_000;
    }

    private void report(List<Round> rounds, List<Integer> baseline) {
        List<Long> failover = rounds.stream().filter(r -> r.failoverActions() > 0).map(Round::failoverMs).toList();
        List<Long> steady = rounds.stream().filter(r -> r.steadyActions() > 0).map(Round::steadyMs).toList();
        List<Long> newLeader = rounds.stream().map(Round::newLeaderMs).filter(ms -> ms >= 0).toList();
        long duplicates = rounds.stream().mapToLong(r -> Math.max(0, r.failoverActions() - 1) + Math.max(0, r.steadyActions() - 1)).sum();
        long lost = rounds.stream().mapToLong(r -> (r.failoverActions() == 0 ? 1 : 0) + (r.steadyActions() == 0 ? 1 : 0)).sum();
        long faults = 2L * rounds.size();
        long baselineDuplicates = baseline.stream().mapToLong(a -> Math.max(0, a - 1)).sum();
        double duplicatesPerFault = faults == 0 ? 0 : (double) duplicates / faults;
        double baselinePerFault = baseline.isEmpty() ? 0 : (double) baselineDuplicates / baseline.size();
        long p50 = percentile(failover, 50);
        long p95 = percentile(failover, 95);
        long steadyP50 = percentile(steady, 50);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %12s %12s%n", "", "fenced", "uncoordinated");
        System.out.printf(Locale.ROOT, "%-34s %12d %12d%n", "faults", faults, baseline.size());
        System.out.printf(Locale.ROOT, "%-34s %12.2f %12.2f%n", "duplicate actions per fault", duplicatesPerFault, baselinePerFault);
        System.out.printf(Locale.ROOT, "%-34s %12d %12s%n", "lost incidents", lost, "-");
        System.out.printf(Locale.ROOT, "%-34s %12d %12s%n", "steady first action p50 (ms)", steadyP50, "-");
        System.out.printf(Locale.ROOT, "%-34s %12d %12s%n", "failover first action p50 (ms)", p50, "-");
        System.out.printf(Locale.ROOT, "%-34s %12d %12s%n", "failover first action p95 (ms)", p95, "-");
        System.out.printf(Locale.ROOT, "%-34s %12d %12s%n", "new leader visible p50 (ms)", percentile(newLeader, 50), "-");
        System.out.printf(Locale.ROOT,
                "RESULT rounds=%d failover_p50_ms=%d failover_p95_ms=%d steady_p50_ms=%d failover_vs_steady=%.2f duplicate_actions=%d "
                        + "lost_incidents=%d baseline_duplicate_actions_per_fault=%.2f duplicates_vs_baseline=%.2f%n",
                rounds.size(), p50, p95, steadyP50, steadyP50 <= 0 ? 0.0 : (double) p50 / steadyP50, duplicates, lost,
                baselinePerFault, baselinePerFault == 0 ? 0.0 : duplicatesPerFault / baselinePerFault);
    }

    /** Nearest rank; -1 when there is nothing. */
    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }
}
