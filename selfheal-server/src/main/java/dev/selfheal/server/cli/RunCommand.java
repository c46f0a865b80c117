package dev.selfheal.server.cli;

import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigException;
import dev.selfheal.server.config.SecretMasker;
import dev.selfheal.server.daemon.CheckBuilder;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code selfheal run [--config FILE]}: run the daemon until SIGTERM (or Ctrl-C). On SIGTERM
 * the shutdown hook runs {@link Daemon#stop()} (checks stopped, history written, HTTP and the
 * database closed) and the process exits 0.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run the selfheal daemon: health checks, history, REST API and Prometheus metrics.",
                "Without --config it runs the bundled example (examples/selfheal.yaml), which watches",
                "the daemon itself, the JVM, the disks, the host and a command. Stop it with SIGTERM or Ctrl-C."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The YAML config file (default: the bundled example). See docs/config.md.")
    Path config;

    private final Map<String, String> env;
    private final CheckBuilder checks;
    private final boolean signalHandling;
    private final Consumer<Daemon> onStarted;

    public RunCommand() {
        this(System.getenv(), new CheckFactory(), true, daemon -> { });
    }

    /** For tests: no shutdown hook (a test stops the daemon itself), and a look at the daemon once it runs. */
    RunCommand(Map<String, String> env, CheckBuilder checks, boolean signalHandling, Consumer<Daemon> onStarted) {
        this.env = Map.copyOf(env);
        this.checks = checks;
        this.signalHandling = signalHandling;
        this.onStarted = onStarted;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config loaded = null;
        Daemon daemon;
        try {
            loaded = ConfigSource.load(config, env);
            daemon = Daemon.start(loaded, checks);
        } catch (ConfigException e) {
            err.println(ConfigException.describe(ConfigSource.describe(config), e.problems()));
            err.println("selfheal: nothing was started.");
            err.flush();
            return 1;
        } catch (RuntimeException e) {
            SecretMasker masker = loaded == null ? SecretMasker.NONE : SecretMasker.of(loaded);
            err.println("selfheal: cannot start: " + masker.mask(e.getMessage()));
            err.flush();
            return 1;
        }
        if (signalHandling) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                daemon.stop();
                System.out.flush();
                // SIGTERM would end the JVM with 143; a clean, complete stop is a success.
                Runtime.getRuntime().halt(0);
            }, "selfheal-shutdown"));
        }
        String base = daemon.baseUri().toString();
        out.println("selfheal is running with " + ConfigSource.describe(config) + " (" + loaded.checks().size() + " checks)");
        out.println("  health:  " + base + "/api/health");
        out.println("  metrics: " + base + "/metrics");
        out.println("  ready:   " + base + "/readyz");
        out.println("  stop it with Ctrl-C or SIGTERM");
        out.flush();
        onStarted.accept(daemon);
        daemon.awaitStopped();
        return 0;
    }
}
