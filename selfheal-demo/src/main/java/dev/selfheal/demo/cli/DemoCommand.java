package dev.selfheal.demo.cli;

import dev.selfheal.demo.orchestrator.Account;
import dev.selfheal.demo.sim.cli.DurationText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.ZoneId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code selfheal demo}: the Contexten-like orchestrator on the four simulators, supervised and
 * healed by a selfheal daemon; prints the account of every event at the end and a RESULT line.
 * Exit code 0 when nothing was lost or applied twice, 1 otherwise, 2 when it could not start.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Run the Contexten-like demo: GitHub pull-request events create a Linear issue, post to Slack,",
                "start a Codegen agent run and comment on the pull request, through guards with a durable outbox,",
                "against four simulators that a selfheal daemon supervises and restarts. See docs/demo.md."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port of the daemon's API (0: any free port; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--webhook-port", defaultValue = "0", description = "Port of the webhook ingress (default: any free port).")
    int webhookPort;

    @Option(names = "--data-dir", defaultValue = "data/demo", description = "SQLite files, simulator ledgers and logs (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--chaos", description = "Run the built-in, seeded fault schedule (every fault mode).")
    boolean chaos;

    @Option(names = "--duration", description = "How long to generate events, e.g. 60s, 2m (default: until Ctrl-C).")
    String duration;

    @Option(names = "--rate", defaultValue = "20", description = "Events per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the events, simulators and chaos schedule (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--drain-timeout", defaultValue = "90s", description = "After the run, how long to wait for parked steps to replay (default ${DEFAULT-VALUE}).")
    String drainTimeout;

    @Option(names = "--approve-restarts", description = "Restarts wait for a person's approval in the console (or POST /api/incidents/{id}/approve).")
    boolean approveRestarts;

    @Option(names = "--status-every", defaultValue = "3s",
            description = "Without a live table, how often to print the status line (default ${DEFAULT-VALUE}).")
    String statusEvery;

    @Option(names = "--plain", description = "No live table redrawn in place, even on a terminal: one status line every --status-every.")
    boolean plain;

    @Option(names = "--log-to-terminal", description = "The engine's log on the terminal, as `selfheal run` does, instead of <data-dir>/logs/selfheal.log.")
    boolean logToTerminal;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DemoOptions options;
        try {
            if (rate <= 0) {
                throw new IllegalArgumentException("--rate must be positive, got " + rate);
            }
            options = new DemoOptions(port, webhookPort, dataDir,
                    Optional.ofNullable(duration).map(d -> DurationText.parse("--duration", d)),
                    rate, chaos, seed, DurationText.parse("--drain-timeout", drainTimeout), approveRestarts);
        } catch (IllegalArgumentException e) {
            err.println("selfheal demo: " + e.getMessage());
            err.flush();
            return 2;
        }
        Optional<Path> logFile = Optional.empty();
        if (!logToTerminal) {
            Path file = dataDir.toAbsolutePath().resolve("logs").resolve("selfheal.log");
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                err.println("selfheal demo: cannot create " + file.getParent() + ": " + e.getMessage());
                err.flush();
                return 2;
            }
            if (DemoLogging.toFile(file)) {
                logFile = Optional.of(file);
            }
        }
        boolean live = !plain && DemoTerminal.interactive(System.getenv());
        DemoRun run = new DemoRun(options, System.getenv(), new DemoTerminal(out, live, ZoneId.systemDefault()), logFile);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(1);
        Thread hook = new Thread(() -> {
            run.requestStop();
            try {
                // let the account be printed and the children stopped, then exit with the account's code, not 130/143
                if (finished.await(3, TimeUnit.MINUTES)) {
                    out.flush();
                    Runtime.getRuntime().halt(exitCode.get());
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "selfheal-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try {
                run.start();
            } catch (Exception e) {
                err.println("selfheal demo: cannot start: " + e.getMessage() + logFile.map(f -> " (the engine's log: " + f + ")").orElse(""));
                err.flush();
                return 2;
            }
            run.awaitEnd(DurationText.parse("--status-every", statusEvery));
            Account account = run.finish();
            run.printAccount();
            exitCode.set(account.lost() == 0 && account.duplicated() == 0 ? 0 : 1);
            return exitCode.get();
        } finally {
            run.close();
            finished.countDown();
        }
    }
}
