package dev.selfheal.bench.heal;

import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimulatorOptions;
import dev.selfheal.demo.sim.SimulatorProcess;
import dev.selfheal.demo.sim.idempotency.ApplicationLedger;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.status.HealthStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The measurement core of {@code selfheal bench heal}: the same kind of simulators under two
 * supervisors, side by side in one run, and one fault at a time injected into both.
 *
 * <ul>
 *   <li><b>selfheal</b>: the daemon, in this process, started from a real YAML config
 *       ({@link HealConfig}); it starts the simulators as its {@code services}, watches each with
 *       an HTTP check of the service's name, and heals with {@code restart_service}. Detection and
 *       MTTR come from its events ({@code IncidentOpened}, {@code IncidentStateChanged} to RESOLVED).</li>
 *   <li><b>baseline</b>: {@link KubeletLikeSupervisor} over simulators started with
 *       {@link SimulatorProcess}, the same command line.</li>
 * </ul>
 *
 * A fault is injected through the simulator's admin endpoint; the clock starts just before the
 * request is sent.
 */
final class HealHarness implements AutoCloseable {

    /**
     * The simulators' JVM options, the same on both sides: SimulatorProcess's defaults plus start-up
     * tuning (C1 only, and a class-data archive made before the run), since a restart is mostly
     * a JVM start and both systems pay it alike.
     */
    static List<String> simulatorJvm(Path dataDir) {
        return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:SharedArchiveFile=" + dataDir.resolve("simulator-cds.jsa"), "-XX:+AutoCreateSharedArchive");
    }

    /**
     * @param services      simulators per system (alternately GitHub and Codegen)
     * @param trialTimeout  how long one fault may take to be healed before it counts as not recovered
     * @param carryBackoff  keep the baseline's back-off from one fault to the next (default: forget it, as
     *                      10 minutes of stability would; the faults are meant as isolated ones)
     */
    record Settings(int services, Duration trialTimeout, boolean carryBackoff, long seed) {
        static Settings defaults() {
            return new Settings(2, Duration.ofSeconds(90), false, 1);
        }
    }

    private final Settings settings;
    private final Path dataDir;
    private final List<SimService> selfhealServices = new ArrayList<>();
    private final List<SimService> baselineServices = new ArrayList<>();
    private final List<KubeletLikeSupervisor.Container> containers = new ArrayList<>();
    private final ServiceObserver observer = new ServiceObserver();
    private final String yaml;
    private final Path configFile;
    private Daemon daemon;
    private KubeletLikeSupervisor baseline;

    private HealHarness(Settings settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
        for (int i = 0; i < settings.services(); i++) {
            Api api = i % 2 == 0 ? Api.GITHUB : Api.CODEGEN;
            selfhealServices.add(new SimService("sim-%s-%d".formatted(api.cliName(), i + 1), api, freePort(), SimService.TOKEN));
            baselineServices.add(new SimService("k8s-%s-%d".formatted(api.cliName(), i + 1), api, freePort(), SimService.TOKEN));
        }
        this.yaml = HealConfig.yaml(selfhealServices, dataDir, settings.seed(), simulatorJvm(dataDir));
        this.configFile = dataDir.resolve("selfheal-bench-heal.yaml");
    }

    /** The YAML the daemon would run, also written to the data directory, without starting anything (for {@code --print-config}). */
    static String previewConfig(Settings settings, Path dataDir) {
        HealHarness preview = new HealHarness(settings, dataDir);
        preview.writeConfig();
        return preview.yaml;
    }

    private void writeConfig() {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(configFile, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the config to " + configFile, e);
        }
    }

    /** Starts the daemon (and its simulators) and the baseline's simulators, and waits until all answer. */
    static HealHarness start(Settings settings, Path dataDir) {
        HealHarness harness = new HealHarness(settings, dataDir);
        try {
            harness.startAll();
            return harness;
        } catch (RuntimeException | Error e) {
            harness.close();
            throw e;
        }
    }

    private void startAll() {
        writeConfig();
        prepareClassDataArchive();
        Config config = new ConfigLoader(Map.of("SELFHEAL_PORT", "0")).load(configFile);
        daemon = Daemon.start(config, new CheckFactory());
        baseline = new KubeletLikeSupervisor(KubeletLikeSupervisor.Settings.KUBERNETES, java.time.Clock.systemUTC());
        for (SimService s : baselineServices) {
            SimulatorProcess process = SimulatorProcess.start(s.api(), new SimulatorOptions(s.port(), settings.seed(), s.token(),
                    Optional.empty(), ApplicationLedger.Mode.ENFORCE, 0), simulatorJvm(dataDir));
            containers.add(baseline.supervise(s.name(), process, s.probe(), s.headers()));
        }
        for (int i = 0; i < settings.services(); i++) {
            awaitSteady(i, Duration.ofSeconds(120));
        }
    }

    /**
     * Runs each simulator kind once and stops it with SIGTERM, so the JVM writes the class-data
     * archive every simulator then starts from (a crash halts without writing it).
     */
    private void prepareClassDataArchive() {
        for (Api api : List.of(Api.GITHUB, Api.CODEGEN)) {
            SimulatorProcess warm = SimulatorProcess.start(api, new SimulatorOptions(0, settings.seed(), SimService.TOKEN,
                    Optional.empty(), ApplicationLedger.Mode.ENFORCE, 0), simulatorJvm(dataDir));
            SimService s = new SimService("warm-up", api, warm.port(), SimService.TOKEN);
            observer.ok(s.probe(), s.headers());
            warm.stop();
        }
    }

    Path configFile() {
        return configFile;
    }

    String yaml() {
        return yaml;
    }

    int services() {
        return settings.services();
    }

    Daemon daemon() {
        return daemon;
    }

    /** Waits until simulator {@code i} answers on both sides, selfheal's component is HEALTHY with no open incident. */
    void awaitSteady(int i, Duration atMost) {
        SimService s = selfhealServices.get(i);
        SimService b = baselineServices.get(i);
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            boolean selfhealSteady = daemon.manager().component(s.name()).map(c -> c.status() == HealthStatus.HEALTHY).orElse(false)
                    && daemon.healing().incidents().unresolvedFor(s.name()).isEmpty() && observer.ok(s.probe(), s.headers());
            boolean baselineSteady = containers.get(i).process.isAlive() && observer.ok(b.probe(), b.headers());
            if (selfhealSteady && baselineSteady) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("simulator %d did not become steady within %s (selfheal %s: %s, incidents %s; baseline %s alive: %s)"
                .formatted(i + 1, atMost, s.name(), daemon.manager().component(s.name()).map(c -> c.status() + " " + c.message()).orElse("?"),
                        daemon.healing().incidents().unresolvedFor(s.name()).map(x -> x.state().toString()).orElse("none"),
                        b.name(), containers.get(i).process.isAlive()));
    }

    /** One fault of one kind into simulator {@code i} of each system, one after the other; the two results (selfheal first). */
    List<TrialResult> trial(int i, FaultKind kind) {
        if (!settings.carryBackoff()) {
            baseline.resetBackoff();
        }
        // One system at a time, so that neither's restart competes with the other's for the CPU.
        TrialResult selfheal = guarded(() -> selfhealTrial(selfhealServices.get(i), kind), "selfheal", kind, selfhealServices.get(i));
        TrialResult base = guarded(() -> baselineTrial(i, kind), "baseline", kind, baselineServices.get(i));
        List<TrialResult> results = List.of(selfheal, base);
        // A fault that was not healed is lifted by hand, so the next trial starts from a working service.
        for (TrialResult r : results) {
            if (!r.recovered()) {
                observer.clear((r.system().equals("selfheal") ? selfhealServices : baselineServices).get(i).base());
            }
        }
        try {
            awaitSteady(i, settings.trialTimeout().plusSeconds(60));
        } catch (IllegalStateException e) {
            // Not fatal: the next faults on this simulator will fail and be counted as such.
            System.out.println("  WARNING " + e.getMessage());
        }
        return results;
    }

    private TrialResult selfhealTrial(SimService s, FaultKind kind) {
        EventBus bus = daemon.events();
        AtomicReference<String> incident = new AtomicReference<>();
        CompletableFuture<Instant> opened = new CompletableFuture<>();
        CompletableFuture<Instant> resolved = new CompletableFuture<>();
        AtomicReference<String> escalated = new AtomicReference<>("");
        Instant[] t0 = new Instant[1];
        try (EventBus.Subscription a = bus.subscribe(IncidentOpened.class, e -> {
                 if (e.component().equals(s.name()) && t0[0] != null && incident.compareAndSet(null, e.incidentId())) {
                     opened.complete(e.at());
                 }
             });
             EventBus.Subscription b = bus.subscribe(IncidentStateChanged.class, e -> {
                 if (e.incidentId().equals(incident.get())) {
                     if (e.to() == IncidentState.RESOLVED) {
                         resolved.complete(e.at());
                     } else if (e.to() == IncidentState.ESCALATED) {
                         escalated.set("escalated: " + e.reason());
                     }
                 }
             })) {
            CompletableFuture<Optional<Instant>> back = observer.watch(s.probe(), s.headers(), settings.trialTimeout());
            t0[0] = Instant.now();
            inject(s, kind);
            Instant end = t0[0].plus(settings.trialTimeout());
            Optional<Instant> resolvedAt = await(resolved, end);
            Optional<Instant> openedAt = opened.isDone() ? Optional.of(opened.join()) : Optional.empty();
            Optional<Instant> backAt = back.join();
            return new TrialResult("selfheal", kind, s.name(), ms(t0[0], openedAt), ms(t0[0], resolvedAt), ms(t0[0], backAt),
                    resolvedAt.isPresent(), "incident " + Optional.ofNullable(incident.get()).orElse("none") + " " + escalated.get());
        }
    }

    private TrialResult baselineTrial(int i, FaultKind kind) {
        SimService s = baselineServices.get(i);
        KubeletLikeSupervisor.Container container = containers.get(i);
        CompletableFuture<Optional<Instant>> back = observer.watch(s.probe(), s.headers(), settings.trialTimeout());
        Instant t0 = Instant.now();
        inject(s, kind);
        Optional<Instant> backAt = back.join();
        Optional<KubeletLikeSupervisor.Event> detected = container.events.stream()
                .filter(e -> e.kind() == KubeletLikeSupervisor.Event.Kind.DETECTED && !e.at().isBefore(t0)).findFirst();
        // Recovered means healed by the supervisor: the API answers again after it began a restart
        // (RESTARTING is recorded before the new process starts, so it always precedes that answer).
        boolean restarted = container.events.stream()
                .anyMatch(e -> e.kind() == KubeletLikeSupervisor.Event.Kind.RESTARTING && !e.at().isBefore(t0)
                        && backAt.map(b -> !b.isBefore(e.at())).orElse(false));
        boolean recovered = backAt.isPresent() && restarted;
        return new TrialResult("baseline", kind, s.name(), ms(t0, detected.map(KubeletLikeSupervisor.Event::at)),
                recovered ? ms(t0, backAt) : OptionalLong.empty(), ms(t0, backAt), recovered,
                detected.map(KubeletLikeSupervisor.Event::detail).orElse("not detected"));
    }

    private static TrialResult guarded(java.util.function.Supplier<TrialResult> trial, String system, FaultKind kind, SimService s) {
        try {
            return trial.get();
        } catch (RuntimeException e) {
            return failed(system, kind, s, e);
        }
    }

    /** A trial that could not even run (the fault could not be injected): counted, not recovered, with the reason. */
    private static TrialResult failed(String system, FaultKind kind, SimService s, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return new TrialResult(system, kind, s.name(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), false,
                "trial failed: " + cause.getMessage());
    }

    private void inject(SimService s, FaultKind kind) {
        try {
            int status = observer.inject(s.base(), kind);
            if (status / 100 != 2) {
                throw new IllegalStateException("the simulator %s refused the %s fault: HTTP %d".formatted(s.name(), kind.label(), status));
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot inject %s into %s: %s".formatted(kind.label(), s.name(), e), e);
        }
    }

    private static Optional<Instant> await(CompletableFuture<Instant> future, Instant deadline) {
        try {
            long ms = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            return Optional.of(future.get(ms, TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        }
    }

    private static OptionalLong ms(Instant t0, Optional<Instant> at) {
        return at.map(a -> OptionalLong.of(Duration.between(t0, a).toMillis())).orElse(OptionalLong.empty());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    @Override
    public void close() {
        if (baseline != null) {
            baseline.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
    }
}
