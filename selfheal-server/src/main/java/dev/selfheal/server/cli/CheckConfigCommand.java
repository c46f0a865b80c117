package dev.selfheal.server.cli;

import dev.selfheal.health.CheckDefinition;
import dev.selfheal.redaction.Redaction;
import dev.selfheal.server.config.CheckConfig;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigDump;
import dev.selfheal.server.config.ConfigException;
import dev.selfheal.server.daemon.CheckBuilder;
import dev.selfheal.server.daemon.CheckDefinitions;
import dev.selfheal.server.daemon.CheckFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code selfheal check-config --config FILE}: validate a config file without starting anything. */
@Command(name = "check-config",
        mixinStandardHelpOptions = true,
        description = {"Validate a config file without starting anything.",
                "Prints every problem with its key path, line and column and exits 1,",
                "or prints a one-line summary and exits 0."})
public final class CheckConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The YAML config file to check.")
    Path config;

    @Option(names = "--print", description = "Also print the config as read, with defaults filled in and secrets shown as ***.")
    boolean print;

    private final Map<String, String> env;
    private final CheckBuilder checks;

    public CheckConfigCommand() {
        this(System.getenv(), new CheckFactory());
    }

    CheckConfigCommand(Map<String, String> env, CheckBuilder checks) {
        this.env = Map.copyOf(env);
        this.checks = checks;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config loaded;
        try {
            loaded = ConfigSource.load(config, env);
            // Build every check too (and close it at once): settings the checks themselves refuse are problems as well.
            List<CheckDefinition> built = CheckDefinitions.build(loaded, checks);
            CheckDefinitions.close(built);
        } catch (ConfigException e) {
            err.println(ConfigException.describe(config.toString(), e.problems()));
            err.flush();
            return 1;
        }
        out.println(summary(loaded));
        if (print) {
            out.print(ConfigDump.yaml(loaded));
        }
        out.flush();
        return 0;
    }

    private String summary(Config c) {
        Map<String, Long> byType = c.checks().stream().collect(Collectors.groupingBy(CheckConfig::type, TreeMap::new, Collectors.counting()));
        String types = byType.isEmpty() ? "" : byType.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ", " (", ")"));
        return "OK %s: %d %s%s, API on %s:%d, store %s".formatted(config, c.checks().size(),
                c.checks().size() == 1 ? "check" : "checks", types, c.server().bind(), c.server().port(),
                Redaction.url(c.store().url()));
    }
}
