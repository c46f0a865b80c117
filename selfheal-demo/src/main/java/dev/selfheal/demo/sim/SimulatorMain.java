package dev.selfheal.demo.sim;

import dev.selfheal.demo.sim.fault.ProcessExit;
import dev.selfheal.demo.sim.idempotency.ApplicationLedger;
import dev.selfheal.time.SystemScheduler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Runs one simulator in the foreground until the process is stopped. Once it accepts
 * connections it prints {@code LISTENING port=<n>} on stdout (and nothing else goes to
 * stdout: logs go to stderr), so a parent process can read the port.
 */
public final class SimulatorMain {

    /** The line a parent process waits for. */
    public static final String LISTENING = "LISTENING port=";

    /** The options every simulator takes, shared by each simulator's {@code main} and {@code selfheal simulator run}. */
    public static final class Options {
        @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--seed", defaultValue = "1", description = "Seed for fault draws and generated data (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--token", defaultValue = SimulatorOptions.DEFAULT_TOKEN,
                description = "The only credential accepted (default: ${DEFAULT-VALUE}).")
        String token;

        @Option(names = "--state-file", description = "Append-only, fsync'd idempotency ledger kept across restarts (default: memory only).")
        Path stateFile;

        @Option(names = "--idempotency", defaultValue = "enforce",
                description = "enforce: a repeated key is answered from the record; record: it is applied again and counted (default: ${DEFAULT-VALUE}).")
        String idempotency;

        @Option(names = "--quota", defaultValue = "0",
                description = "Requests per hour for GitHub and Linear; 0 = the real API's default (default: ${DEFAULT-VALUE}).")
        long quota;

        public SimulatorOptions toOptions() {
            ApplicationLedger.Mode mode = switch (idempotency) {
                case "enforce" -> ApplicationLedger.Mode.ENFORCE;
                case "record" -> ApplicationLedger.Mode.RECORD_ONLY;
                default -> throw new IllegalArgumentException("--idempotency must be enforce or record, got " + idempotency);
            };
            return new SimulatorOptions(port, seed, token, Optional.ofNullable(stateFile), mode, quota);
        }
    }

    @CommandLine.Command(mixinStandardHelpOptions = true, description = "Runs one API simulator on 127.0.0.1.")
    static final class Standalone {
        @CommandLine.Mixin
        Options options = new Options();
    }

    private SimulatorMain() {
    }

    /** Points logback at the simulators' stderr configuration unless the user chose one. Call before any logger exists. */
    public static void useSimulatorLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-simulator.xml");
        }
    }

    /** Starts {@code api} and blocks until the JVM is asked to stop. */
    public static void runForeground(Api api, SimulatorOptions options, PrintStream out) throws InterruptedException {
        SystemScheduler scheduler = new SystemScheduler("simulator-" + api.cliName() + "-timer");
        Simulator simulator = Simulator.start(api, options, scheduler, ProcessExit.RUNTIME_HALT);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            scheduler.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        out.println(LISTENING + simulator.port());
        out.flush();
        stopped.await();
    }

    /** The body of each simulator's {@code main}. */
    public static void main(Api api, String[] args) {
        useSimulatorLogging();
        Standalone standalone = new Standalone();
        CommandLine line = new CommandLine(standalone).setCommandName(api.cliName() + "-simulator");
        try {
            CommandLine.ParseResult parsed = line.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                line.usage(System.out);
                return;
            }
            runForeground(api, standalone.options.toOptions(), System.out);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println(api.cliName() + " simulator: " + e.getMessage());
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println(api.cliName() + " simulator failed to start: " + e.getMessage());
            System.exit(1);
        }
    }
}
