// Longer than 400 lines on purpose: one demo run's lifecycle (start the daemon, simulators,
// orchestrator and ingress; watch; drain; account) read in the order it happens; each part it
// starts is its own class.
package dev.selfheal.demo.cli;

import dev.selfheal.demo.orchestrator.Account;
import dev.selfheal.degradation.DegradationLevel;
import dev.selfheal.degradation.FeatureToggles;
import dev.selfheal.demo.orchestrator.ContextenPipeline;
import dev.selfheal.events.DegradationLevelChanged;
import dev.selfheal.events.EventBus;
import java.util.function.BooleanSupplier;
import dev.selfheal.demo.orchestrator.EventGenerator;
import dev.selfheal.demo.orchestrator.EventLedger;
import dev.selfheal.demo.orchestrator.Integrations;
import dev.selfheal.demo.orchestrator.LedgerOutboxStore;
import dev.selfheal.demo.orchestrator.SimulatorAdmin;
import dev.selfheal.demo.orchestrator.StepState;
import dev.selfheal.demo.orchestrator.WebhookRoutes;
import dev.selfheal.demo.sim.Api;
import dev.selfheal.events.RecoveryStepEnded;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.ComponentHealth;
import dev.selfheal.health.HealthCheck;
import dev.selfheal.integrations.codegen.CodegenClient;
import dev.selfheal.integrations.codegen.CodegenPaths;
import dev.selfheal.integrations.github.GitHubClient;
import dev.selfheal.integrations.http.ApiToken;
import dev.selfheal.integrations.http.ClientSettings;
import dev.selfheal.integrations.linear.LinearClient;
import dev.selfheal.integrations.slack.SlackClient;
import dev.selfheal.integrations.webhooks.GitHubWebhookVerifier;
import dev.selfheal.integrations.webhooks.LinearWebhookVerifier;
import dev.selfheal.integrations.webhooks.SlackWebhookVerifier;
import dev.selfheal.integrations.webhooks.WebhookIntake;
import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.Fallback;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardDefaults;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.resilience.retry.RetryStrategyKind;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcOutboxStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Optional;

/**
 * One run of the demo: the daemon with the four simulators as supervised services and the
 * healing loop, the Contexten-like orchestrator calling them through guards with a durable
 * outbox, an event generator, the webhook ingress, optionally the chaos schedule; at the end, the
 * drain of the outboxes and the account of every event.
 */
public final class DemoRun implements AutoCloseable {

    /** Webhook secrets of the demo's ingress (local only; set WEBHOOK_SECRET_* to choose them). */
    private static final String NOTIFICATIONS = "notifications";
    static final String GITHUB_SECRET_VARIABLE = "GITHUB_WEBHOOK_SECRET";
    static final String SLACK_SECRET_VARIABLE = "SLACK_SIGNING_SECRET";
    static final String LINEAR_SECRET_VARIABLE = "LINEAR_WEBHOOK_SECRET";
    private static final Map<Api, String> TOKEN_VARIABLES = Map.of(Api.GITHUB, GitHubClient.TOKEN_VARIABLE, Api.SLACK,
            SlackClient.TOKEN_VARIABLE, Api.LINEAR, LinearClient.TOKEN_VARIABLE, Api.CODEGEN, CodegenClient.TOKEN_VARIABLE);

    private final DemoOptions options;
    private final DemoTerminal terminal;
    private final Optional<Path> logFile;
    private final Map<String, String> env;
    private final String runId;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AtomicLong restarts = new AtomicLong();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private Daemon daemon;
    private Database database;
    private EventLedger ledger;
    private Integrations integrations;
    private ContextenPipeline pipeline;
    private EventGenerator generator;
    private WebhookRoutes webhooks;
    private Javalin webhookServer;
    private final Map<Api, SimulatorAdmin> admins = new EnumMap<>(Api.class);
    private long startedNanos;
    private long flowingNanos;
    private Account account;
    private List<ChaosSchedule.Planned> chaosPlan = List.of();

    private HealingStory story;
    private long statusEveryNanos = TimeUnit.SECONDS.toNanos(3);
    private long lastStatusNanos;
    private GuardRegistry registry;

    /** A run that prints plain lines to {@code out} (tests, benches): no live table, the engine logs where it was told. */
    public DemoRun(DemoOptions options, Map<String, String> env, PrintWriter out) {
        this(options, env, new DemoTerminal(out, false, ZoneId.systemDefault()), Optional.empty());
    }

    /**
     * @param logFile where the command sent the engine's log, printed for the reader; empty when it logs elsewhere
     */
    DemoRun(DemoOptions options, Map<String, String> env, DemoTerminal terminal, Optional<Path> logFile) {
        this.options = options;
        this.env = Map.copyOf(env);
        this.terminal = terminal;
        this.logFile = logFile;
        this.runId = "evt-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    }

    /** Starts everything; returns once events are flowing. */
    public DemoRun start() throws Exception {
        startedNanos = System.nanoTime();
        Path data = options.dataDir().toAbsolutePath();
        Files.createDirectories(data.resolve("logs"));
        for (String stale : List.of("orchestrator.db", "orchestrator.db-wal", "orchestrator.db-shm", "selfheal.db", "selfheal.db-wal",
                "selfheal.db-shm", "sim-github.jsonl", "sim-slack.jsonl", "sim-linear.jsonl", "sim-codegen.jsonl")) {
            Files.deleteIfExists(data.resolve(stale)); // each run starts from a clean account
        }
        Map<Api, Integer> ports = new EnumMap<>(Api.class);
        Map<String, String> configEnv = new LinkedHashMap<>(env);
        Map<Api, ApiToken> tokens = new EnumMap<>(Api.class);
        for (Api api : Api.values()) {
            ports.put(api, freePort());
            ApiToken token = ApiToken.fromEnvironment(env, TOKEN_VARIABLES.get(api))
                    .orElseGet(() -> ApiToken.of("sim-" + api.cliName() + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8))));
            tokens.put(api, token);
            configEnv.put(DemoConfig.tokenVariable(api), token.reveal());
            admins.put(api, new SimulatorAdmin(api.cliName(), URI.create("http://127.0.0.1:" + ports.get(api))));
        }
        String yaml = DemoConfig.render(options.port(), data, ports, options.seed(), options.approval(),
                DemoConfig.quotaPerHour(options.rate()));
        Path configFile = data.resolve("selfheal-demo.yaml");
        Files.writeString(configFile, yaml);
        Config config = new ConfigLoader(configEnv).parse(new StringReader(yaml), configFile.toString());
        daemon = Daemon.start(config, new CheckFactory());
        closeables.add(daemon::stop);
        daemon.events().subscribe(RecoveryStepEnded.class, e -> {
            if (e.action().equals("restart_service")) {
                restarts.incrementAndGet();
            }
        });

        database = Database.open("jdbc:sqlite:" + data.resolve("orchestrator.db"));
        closeables.add(0, database);
        ledger = new EventLedger(database);
        GuardRegistry.Builder guards = GuardRegistry.builder()
                .eventBus(daemon.events())
                .outboxStore(new LedgerOutboxStore(new JdbcOutboxStore(database), ledger));
        for (String name : GuardDefaults.defaultIntegrations()) {
            guards.guard(demoGuard(name));
        }
        registry = guards.build();
        closeables.add(0, registry);
        daemon.guardWiring().showGuards(registry); // the console and /api/breakers show the demo's breakers and outboxes
        story = new HealingStory(terminal::event, registry.id());
        story.subscribe(daemon.events()).forEach(sub -> closeables.add(0, sub));
        integrations = new Integrations(registry,
                new LinearClient(settings(ports.get(Api.LINEAR), tokens.get(Api.LINEAR)), registry.guard("linear")),
                new SlackClient(settings(ports.get(Api.SLACK), tokens.get(Api.SLACK)), registry.guard("slack")),
                new CodegenClient(settings(ports.get(Api.CODEGEN), tokens.get(Api.CODEGEN)), CodegenPaths.DEFAULTS, "42", registry.guard("codegen")),
                new GitHubClient(settings(ports.get(Api.GITHUB), tokens.get(Api.GITHUB)), registry.guard("github")));
        // Slack messages are notifications: degradation at essential_only or above defers them to
        // the outbox, and neither a closing breaker nor the drain replays them until they are on again
        FeatureToggles features = daemon.healing().degradation().features();
        BooleanSupplier notificationsOn = () -> features.isEnabled(NOTIFICATIONS);
        registry.guard("slack").outbox().replayOnlyWhile(notificationsOn);
        pipeline = new ContextenPipeline(integrations, ledger, "team-eng", "#contexten", notificationsOn, () -> features.level().number());
        // Closed before the registry and the database (closeables run first-added-last): a level
        // change during shutdown (the daemon stops after them) must not start a replay against a
        // closed pool; the registry's close also refuses new replays and waits for a running one.
        EventBus.Subscription replayOnLevelChange = daemon.events().subscribe(DegradationLevelChanged.class, e -> {
            boolean wasOn = DegradationLevel.of(e.from()).allows(NOTIFICATIONS);
            boolean isOn = DegradationLevel.of(e.to()).allows(NOTIFICATIONS);
            if (wasOn && !isOn) {
                say("selfheal: notifications off at level %d: Slack messages wait in the outbox".formatted(e.to()));
            } else if (!wasOn && isOn) {
                say("selfheal: notifications on again at level %d: replaying the Slack outbox".formatted(e.to()));
                if (!registry.isClosed()) {
                    Thread.ofVirtual().name("slack-replay").start(() -> registry.guard("slack").outbox().replayParked());
                }
            }
        });
        closeables.add(0, replayOnLevelChange);

        awaitSimulators(Duration.ofSeconds(60));
        register("github", integrations.github().healthCheck());
        register("slack", integrations.slack().healthCheck());
        register("linear", integrations.linear().healthCheck());
        register("codegen", integrations.codegen().healthCheck());
        daemon.manager().register(CheckDefinition.builder(DemoConfig.PIPELINE,
                        new dev.selfheal.demo.orchestrator.PipelineHealthCheck(registry, List.of("github", "slack", "linear", "codegen")))
                // 10 failures of a 2 s check: the pipeline's breakers open within a second of a simulator's crash,
                // its probe needs 3 failures; so that the incident (and its alert) opens on the simulator and the
                // blocked pipeline joins it, the pipeline counts as failing only after the simulator would have
                .group("orchestrator").interval(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(3))
                .failureThreshold(10).successThreshold(1).build());

        webhooks = new WebhookRoutes(pipeline, Map.of(
                "github", new WebhookIntake(new GitHubWebhookVerifier(secret(GITHUB_SECRET_VARIABLE)), WebhookIntake.DEFAULT_MAX_BODY_BYTES),
                "slack", new WebhookIntake(new SlackWebhookVerifier(secret(SLACK_SECRET_VARIABLE)), WebhookIntake.DEFAULT_MAX_BODY_BYTES),
                "linear", new WebhookIntake(new LinearWebhookVerifier(secret(LINEAR_SECRET_VARIABLE)), WebhookIntake.DEFAULT_MAX_BODY_BYTES)));
        webhookServer = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.useVirtualThreads = true;
            c.http.maxRequestSize = 4L * WebhookIntake.DEFAULT_MAX_BODY_BYTES;
        });
        webhooks.register(webhookServer);
        webhookServer.start("127.0.0.1", options.webhookPort());
        closeables.add(0, webhookServer::stop);

        generator = new EventGenerator(runId, options.rate(), options.seed(), 400, pipeline::handle);
        generator.start();
        closeables.add(0, generator); // stopped first when the run is closed without finish()
        flowingNanos = System.nanoTime();
        printWhereToLook(configFile);
        if (options.chaos()) {
            ChaosSchedule chaos = new ChaosSchedule(List.copyOf(admins.values()), options.duration().orElse(Duration.ofSeconds(60)),
                    options.seed(), this::say);
            chaosPlan = chaos.plan();
            chaos.start();
            closeables.add(0, chaos);
        }
        return this;
    }

    /** The demo's guard for one integration: the default breaker thresholds, short timeouts, the durable outbox. */
    static GuardConfig demoGuard(String name) {
        int failures = switch (name) {
            case "linear", "slack" -> 3;
            case "codegen" -> 2;
            default -> 5;
        };
        return GuardConfig.builder(name)
                // the default thresholds; recovery 5 s instead of 30-120 s so that a one-minute demo shows recovery
                .breaker(BreakerSettings.consecutiveFailures(failures, Duration.ofSeconds(5)))
                .retry(RetrySettings.builder().strategy(RetryStrategyKind.EXPONENTIAL_BACKOFF)
                        .initialDelay(Duration.ofMillis(200)).maxDelay(Duration.ofSeconds(2)).maxAttempts(3).build())
                .timeLimit(Duration.ofSeconds(2))
                .defaultDeadline(Duration.ofSeconds(5))
                .bulkhead(64, Duration.ZERO)
                .fallback(Fallback.outbox(1_000_000))
                .build();
    }

    private static ClientSettings settings(int port, ApiToken token) {
        return new ClientSettings(URI.create("http://127.0.0.1:" + port), token, Duration.ofMillis(1_800), Duration.ofMillis(500));
    }

    private String secret(String variable) {
        return ApiToken.fromEnvironment(env, variable).map(ApiToken::reveal).orElse("demo-" + variable.toLowerCase(java.util.Locale.ROOT));
    }

    private void register(String name, HealthCheck check) {
        daemon.manager().register(CheckDefinition.builder(name, check).group("integrations")
                // 3 failures in a row of a 3 s probe: a cold simulator JVM on a loaded machine is slow, not down
                .interval(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(3))
                .failureThreshold(3).successThreshold(1).build());
    }

    private void awaitSimulators(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SimulatorAdmin admin : admins.values()) {
            while (!admin.isUp()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the %s simulator did not answer at %s within %ds; see %s".formatted(admin.api(),
                            admin.base(), timeout.toSeconds(), options.dataDir().resolve("logs").resolve(admin.api() + ".log")));
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private void printWhereToLook(Path configFile) {
        String api = daemon.baseUri().toString();
        terminal.say("selfheal demo is running (up in %.1f s), run %s, %.0f events/s%s".formatted(seconds(), runId, options.rate(),
                options.chaos() ? ", chaos on (seed " + options.seed() + ")" : ""));
        terminal.say("  console:    " + api + "/");
        terminal.say("  API:        " + api + "/api/health   incidents: " + api + "/api/incidents");
        terminal.say("  metrics:    " + api + "/metrics");
        terminal.say("  webhooks:   http://127.0.0.1:" + webhookServer.port() + "/webhooks/{github,slack,linear}");
        terminal.say("  simulators: " + admins.values().stream().map(a -> a.api() + "=" + a.base()).collect(Collectors.joining(" ")));
        terminal.say("  config:     " + configFile + "   data: " + options.dataDir().toAbsolutePath());
        logFile.ifPresent(log -> terminal.say("  full log:   " + log + "   (simulators: " + options.dataDir().toAbsolutePath().resolve("logs")
                + "/<api>.log)"));
        if (options.approval()) {
            terminal.say("  approval:   restarts wait for your approval in the console (incident page, Approve)");
        }
        terminal.say("  stop it with Ctrl-C" + options.duration().map(d -> " (or it stops by itself after " + d.toSeconds() + " s)").orElse(""));
        terminal.say("");
    }

    /**
     * Runs until the duration passes or {@link #requestStop()}: a live terminal's table is redrawn
     * every second, otherwise a status line is printed every {@code statusEvery}.
     */
    public void awaitEnd(Duration statusEvery) throws InterruptedException {
        long end = options.duration().map(d -> flowingNanos + d.toNanos()).orElse(Long.MAX_VALUE);
        long every = terminal.live() ? TimeUnit.SECONDS.toNanos(1) : statusEvery.toNanos();
        statusEveryNanos = every;
        showStatus();
        while (true) {
            long left = end - System.nanoTime();
            long step = Math.min(every, Math.max(0, left));
            if (stopRequested.await(step, TimeUnit.NANOSECONDS) || System.nanoTime() >= end) {
                break;
            }
            showStatus();
        }
    }

    public void requestStop() {
        stopRequested.countDown();
    }

    /** Stops the events, lets parked steps replay, and reconciles the ledger with the simulators. */
    public Account finish() throws Exception {
        say("stopping the event generator; waiting for events in flight");
        if (!generator.stop(Duration.ofSeconds(60))) {
            say("some events were still in flight after 60 s");
        }
        closeables.stream().filter(c -> c instanceof ChaosSchedule).forEach(c -> ((ChaosSchedule) c).close());
        for (SimulatorAdmin admin : admins.values()) {
            if (admin.isUp()) {
                admin.clearFaults();
            }
        }
        say("draining the outboxes (up to %d s)".formatted(options.drainTimeout().toSeconds()));
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (parkedNow() > 0 && System.nanoTime() < deadline) {
            for (Guard guard : integrations.guards().all()) {
                if (guard.parkedCount() > 0) {
                    guard.outbox().replayParked();
                }
            }
            if (parkedNow() > 0) {
                TimeUnit.MILLISECONDS.sleep(500);
                if (System.nanoTime() - lastStatusNanos >= statusEveryNanos) {
                    showStatus();
                }
            }
        }
        Map<String, SimulatorAdmin.Applications> applications = new LinkedHashMap<>();
        long applyDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> unread = new ArrayList<>();
        for (SimulatorAdmin admin : admins.values()) {
            while (true) {
                try {
                    applications.put(admin.api(), admin.applications());
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > applyDeadline) {
                        unread.add(admin.api() + " (" + e.getMessage() + ")");
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(500);
                }
            }
        }
        long events = generator.generated() + webhooks.pullRequestsTaken();
        account = Account.of(events, ledger.all(), applications, unread);
        return account;
    }

    public void printAccount() {
        Map<StepState, Long> steps = ledger.stepCounts();
        terminal.freeze();
        terminal.say("");
        terminal.say("account of run %s after %.0f s:".formatted(runId, seconds()));
        terminal.say("  events generated %d, from webhooks %d, repeated deliveries ignored %d".formatted(generator.generated(),
                webhooks.pullRequestsTaken(), pipeline.duplicatesIgnored()));
        terminal.say("  steps: %s".formatted(steps));
        terminal.say("  done %d (of which %d needed the outbox and were replayed), still parked %d, failed %d, lost %d, duplicated %d"
                .formatted(account.done(), account.replayed(), account.parked(), account.failed(), account.lost(), account.duplicated()));
        terminal.say("  selfheal restarted simulators %d times; incidents healed %d, escalated %d".formatted(restarts.get(),
                story.resolved(), story.escalated()));
        logFile.ifPresent(log -> terminal.say("  full log: " + log));
        account.problems().stream().limit(20).forEach(p -> terminal.say("  ! " + p));
        terminal.say(account.resultLine());
    }

    private long parkedNow() {
        return integrations.guards().all().stream().mapToLong(Guard::parkedCount).sum();
    }

    /** What the run is doing now, for the live view. */
    StatusBoard.Snapshot snapshot() {
        Map<String, ComponentHealth> health = daemon.manager().report().groups().stream().filter(g -> g.name().equals("integrations"))
                .flatMap(g -> g.components().stream()).collect(Collectors.toMap(ComponentHealth::name, c -> c, (a, b) -> a));
        List<StatusBoard.Service> services = integrations.guards().all().stream().sorted(Comparator.comparing(Guard::integration))
                .map(g -> new StatusBoard.Service(g.integration(),
                        Optional.ofNullable(health.get(g.integration())).map(c -> c.status().name()).orElse("UNKNOWN"),
                        g.state().name(), g.parkedCount(), story.restarts(g.integration())))
                .toList();
        DegradationLevel level = daemon.healing().degradation().features().level();
        return new StatusBoard.Snapshot(Instant.now(), Duration.ofNanos(System.nanoTime() - flowingNanos),
                generator.generated() + webhooks.pullRequestsTaken(), generator.inFlight(), ledger.stepCounts(), services,
                story.open(), story.resolved(), story.escalated(), level.number(), level.label(), daemon.baseUri() + "/",
                logFile.map(Path::toString).orElse("(not written by this run)"));
    }

    private void showStatus() {
        lastStatusNanos = System.nanoTime();
        StatusBoard.Snapshot now = snapshot();
        terminal.status(StatusBoard.table(now), StatusBoard.line(now));
    }

    private void say(String line) {
        terminal.event(Instant.now(), line);
    }

    private double seconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    public Daemon daemon() {
        return daemon;
    }

    public int webhookPort() {
        return webhookServer.port();
    }

    public Map<Api, SimulatorAdmin> simulators() {
        return Map.copyOf(admins);
    }

    public EventLedger ledger() {
        return ledger;
    }

    public ContextenPipeline pipeline() {
        return pipeline;
    }

    /** The faults this run injects (empty without chaos), at fractions of the run from when events started flowing. */
    public List<ChaosSchedule.Planned> chaosPlan() {
        return chaosPlan;
    }

    public long restarts() {
        return restarts.get();
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                terminal.say("while stopping: " + e);
            }
        }
        closeables.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
