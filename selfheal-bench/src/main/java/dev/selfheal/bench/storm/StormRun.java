package dev.selfheal.bench.storm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code bench storm}: a fresh daemon process, a quiet phase, a storm phase, the
 * daemon's own counts read from {@code /metrics} once its intake has drained, then SIGTERM.
 */
final class StormRun {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration DRAIN = Duration.ofSeconds(120);

    record Figures(long seed, int quietKills, int quietMissed, double quietP50Ms, double quietP95Ms, double quietMaxMs,
                   int stormKills, int stormMissed, double stormP50Ms, double stormP95Ms, double stormMaxMs,
                   long payloadsOk, long accepted, long payloadsRefused, long refused, long otherAnswers, double offeredPerSecond,
                   long handled, long coalesced, long failed, long dropped, long queuedAtEnd, long incidentsOpened,
                   double rssBeforeMb, double rssPeakMb, long lost) {
        double ratio() {
            return stormP95Ms / Math.max(1, quietP95Ms);
        }

        long restartsMissed() {
            return quietMissed + stormMissed;
        }
    }

    private record Phase(List<Long> restartMs, int missed) { }

    private final Path dir;
    private final long seed;
    private final int clients;
    private final Duration duration;
    private final Duration killEvery;
    private final int workers;
    private final List<String> jvmOptions;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile double rssPeakMb;

    StormRun(Path dir, long seed, int clients, Duration duration, Duration killEvery, int workers, List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.dir = dir;
        this.seed = seed;
        this.clients = clients;
        this.duration = duration;
        this.killEvery = killEvery;
        this.workers = workers;
    }

    Figures run() throws Exception {
        int port = freePort();
        Path config = writeConfig(port);
        Process daemon = startDaemon(config);
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            awaitWorkers(daemon.toHandle(), base);
            Phase quiet = killPhase(daemon.toHandle());
            double rssBefore = rssMb(daemon.pid());
            rssPeakMb = rssBefore;
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().name("storm-rss").start(() -> {
                while (sampling.get()) {
                    rssPeakMb = Math.max(rssPeakMb, rssMb(daemon.pid()));
                    sleep(200);
                }
            });
            StormClients storm = new StormClients(base, clients, seed);
            long stormStart = System.nanoTime();
            storm.start();
            Phase stormed;
            try {
                stormed = killPhase(daemon.toHandle());
            } finally {
                storm.stop();
            }
            double stormSeconds = (System.nanoTime() - stormStart) / 1e9;
            long queued = awaitDrained(base);
            sampling.set(false);
            sampler.join();
            String metrics = get(base, "/metrics");
            long handled = metric(metrics, "selfheal_alert_intake_alerts_total", "outcome=\"handled\"");
            long coalesced = metric(metrics, "selfheal_alert_intake_alerts_total", "outcome=\"coalesced\"");
            long failed = metric(metrics, "selfheal_alert_intake_alerts_total", "outcome=\"failed\"");
            long dropped = metric(metrics, "selfheal_alert_intake_alerts_total", "outcome=\"dropped\"");
            long opened = metric(metrics, "selfheal_incidents_total", "state=\"open\"");
            long lost = storm.acceptedAlerts.get() - handled - coalesced - failed - dropped - queued;
            return new Figures(seed, quiet.restartMs.size() + quiet.missed, quiet.missed, pct(quiet.restartMs, 50), pct(quiet.restartMs, 95),
                    pct(quiet.restartMs, 100), stormed.restartMs.size() + stormed.missed, stormed.missed, pct(stormed.restartMs, 50),
                    pct(stormed.restartMs, 95), pct(stormed.restartMs, 100), storm.payloadsOk.get(), storm.acceptedAlerts.get(),
                    storm.payloadsRefused.get(), storm.refusedAlerts.get(), storm.other.get(),
                    storm.offeredAlerts.get() / stormSeconds, handled, coalesced, failed, dropped, queued, opened, rssBefore, rssPeakMb, lost);
        } finally {
            stopDaemon(daemon);
        }
    }

    /** Kills a worker every {@code killEvery} for {@code duration}, timing each restart (kill to the new process running). */
    private Phase killPhase(ProcessHandle daemon) {
        List<Long> restarts = new ArrayList<>();
        int missed = 0;
        long end = System.nanoTime() + duration.toNanos();
        int kill = 0;
        while (System.nanoTime() < end) {
            long slot = System.nanoTime();
            String[] argv = workerArgv(kill++ % workers);
            Optional<ProcessHandle> worker = find(daemon, argv);
            if (worker.isPresent()) {
                long old = worker.get().pid();
                long killedAt = System.nanoTime();
                worker.get().destroyForcibly();
                long limit = killedAt + killEvery.toNanos() * 6;
                boolean back = false;
                while (System.nanoTime() < limit) {
                    Optional<ProcessHandle> now = find(daemon, argv).filter(p -> p.pid() != old);
                    if (now.isPresent()) {
                        restarts.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
                        back = true;
                        break;
                    }
                    sleep(10);
                }
                if (!back) {
                    missed++;
                }
            } else {
                missed++;
            }
            long wait = slot + killEvery.toNanos() - System.nanoTime();
            if (wait > 0) {
                sleep(TimeUnit.NANOSECONDS.toMillis(wait));
            }
        }
        return new Phase(restarts, missed);
    }

    private String[] workerArgv(int i) {
        return new String[] {"sleep", Long.toString(360_000 + i)};
    }

    private static Optional<ProcessHandle> find(ProcessHandle daemon, String[] argv) {
        return daemon.descendants().filter(ProcessHandle::isAlive).filter(p -> matches(p, argv))
                .filter(p -> !isZombie(p.pid())).findFirst();
    }

    private static boolean matches(ProcessHandle p, String[] argv) {
        var info = p.info();
        return info.command().map(c -> c.endsWith("/" + argv[0]) || c.equals(argv[0])).orElse(false)
                && Arrays.equals(info.arguments().orElse(new String[0]), Arrays.copyOfRange(argv, 1, argv.length));
    }

    /** A killed child its parent has not reaped yet still shows in /proc, state Z: not a running worker. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /**
     * Waits for the daemon to report ready ({@code /readyz}: its healing loop runs) and for every
     * worker to run. The workers start before the loop does; a kill before that (20 s on a loaded
     * machine) would time the daemon's start, not a restart.
     */
    private void awaitWorkers(ProcessHandle daemon, URI base) {
        long limit = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < limit) {
            boolean all = ready(base);
            for (int i = 0; i < workers; i++) {
                all &= find(daemon, workerArgv(i)).isPresent();
            }
            if (all) {
                sleep(2_000); // the workers' checks see them HEALTHY first, so that a kill is a transition
                return;
            }
            if (!daemon.isAlive()) {
                throw new IllegalStateException("the daemon exited during start; see " + dir.resolve("daemon.log"));
            }
            sleep(100);
        }
        throw new IllegalStateException("the workers did not start within " + READY.toSeconds() + " s; see " + dir.resolve("daemon.log"));
    }

    private boolean ready(URI base) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/readyz")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private long awaitDrained(URI base) {
        long limit = System.nanoTime() + DRAIN.toNanos();
        long queued = -1;
        while (System.nanoTime() < limit) {
            queued = metric(get(base, "/metrics"), "selfheal_alert_intake_queued", "");
            if (queued == 0) {
                return 0;
            }
            sleep(200);
        }
        return Math.max(0, queued);
    }

    private Path writeConfig(int port) throws IOException {
        StringBuilder services = new StringBuilder();
        for (int i = 0; i < workers; i++) {
            String[] argv = workerArgv(i);
            services.append("  - { name: worker-%d, command: [%s, \"%s\"], stop-grace: 1s, check: { interval: 200ms } }\n"
                    .formatted(i, argv[0], argv[1]));
        }
        Path config = dir.resolve("selfheal.yaml");
        Files.writeString(config, """
                server: { port: %d, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                services:
                %s
                healing:
                  interval: 1s
                  verification: { window: 2s, poll: 200ms }
                  max-actions: { per-component: 1000, global: 5000, window: 15m }
                  degradation: { host-resources: false }
                """.formatted(port, dir.toAbsolutePath(), services.toString().stripTrailing()), StandardCharsets.UTF_8);
        return config;
    }

    /** The daemon as {@code selfheal run} starts it: the same classpath, main class and JVM options (unless given others). */
    private Process startDaemon(Path config) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(ProcessHandle.current().info().command().orElse("java"));
        argv.add("--enable-native-access=ALL-UNNAMED");
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.selfheal.cli.Main", "run", "--config", config.toString()));
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
    }

    private static void stopDaemon(Process daemon) throws InterruptedException {
        List<ProcessHandle> children = daemon.descendants().toList();
        daemon.destroy(); // SIGTERM: the daemon's own stop
        if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private String get(URI base, String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A counter or gauge from Prometheus text; {@code labels} is one label the series must carry, or empty. */
    static long metric(String text, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            if (labels.isEmpty() || m.group(1) != null && m.group(1).contains(labels)) {
                return (long) Double.parseDouble(m.group(2));
            }
        }
        throw new IllegalStateException("no series " + name + (labels.isEmpty() ? "" : "{" + labels + "}") + " in /metrics");
    }

    private static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static double pct(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, rank))];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
